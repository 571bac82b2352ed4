package io.camappliance.emulator.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.emulator.auth.AuthFailure;
import io.camappliance.emulator.auth.SigningCredential;
import io.camappliance.emulator.control.ErrorResponse;
import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The media APIs' authorizer: it verifies a streamed PutMedia request from its headers alone, so
 * the handler still reads the whole body, and it scopes thing credentials to their stream.
 */
class SigV4AuthorizerTest {
  static final String KEY = "AKIDSTATIC0000000001";
  static final String THING_KEY = "ASIATHING00000000001";
  static final String SECRET = "secret/for/tests";
  static final String TOKEN = "thing-session-token";

  Javalin app;
  URI endpoint;

  @BeforeEach
  void start() {
    Instant later = Instant.now().plus(Duration.ofHours(1));
    SigV4Verifier verifier =
        new SigV4Verifier(
            CredentialLookups.firstOf(
                CredentialLookups.ofStatic(SigningCredential.ofStatic(KEY, SECRET)),
                id ->
                    id.equals(THING_KEY)
                        ? Optional.of(
                            new SigningCredential(THING_KEY, SECRET, TOKEN, later, "cam-0001"))
                        : Optional.empty()),
            "us-west-2",
            Clock.systemUTC());
    SigV4Authorizer authorizer =
        new SigV4Authorizer(verifier, new ThingScope("us-west-2", "123456789012"));
    app = Javalin.create(c -> c.showJavalinBanner = false);
    app.post(
        "/putMedia",
        ctx -> {
          Optional<AuthFailure> f = authorizer.authorize(ctx, ctx.header("x-amzn-stream-name"));
          if (f.isPresent()) {
            ErrorResponse.send(ctx, f.get());
            return;
          }
          long n = ctx.bodyInputStream().transferTo(OutputStream.nullOutputStream());
          ctx.result("read " + n);
        });
    app.post(
        "/getMedia",
        ctx -> {
          Optional<AuthFailure> f = authorizer.authorize(ctx, "cam-0001");
          if (f.isPresent()) {
            ErrorResponse.send(ctx, f.get());
            return;
          }
          ctx.result("body " + ctx.body());
        });
    app.start("127.0.0.1", 0);
    endpoint = URI.create("http://127.0.0.1:" + app.port());
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  /** Signs like the KVS C producer: empty-string payload hash, token sent but not signed. */
  HttpRequest.Builder signedLikeTheCProducer(
      String path, String key, String token, Map<String, String> extra, String payloadHash) {
    String amzDate = SigV4.AMZ_DATE.format(Instant.now());
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("host", List.of(endpoint.getAuthority()));
    headers.put("x-amz-date", List.of(amzDate));
    extra.forEach((k, v) -> headers.put(k, List.of(v)));
    List<String> signed = new ArrayList<>(headers.keySet());
    signed.sort(String::compareTo);
    SignedRequest r = new SignedRequest("POST", path, null, headers, payloadHash);
    String scope = amzDate.substring(0, 8) + "/us-west-2/kinesisvideo/aws4_request";
    String toSign = SigV4.stringToSign(amzDate, scope, CanonicalRequest.of(r, signed));
    String signature =
        SigV4.signature(
            SigV4.signingKey(SECRET, amzDate.substring(0, 8), "us-west-2", "kinesisvideo"), toSign);
    HttpRequest.Builder b = HttpRequest.newBuilder(endpoint.resolve(path));
    b.header("x-amz-date", amzDate);
    extra.forEach(b::header);
    if (token != null) {
      b.header("x-amz-security-token", token);
    }
    b.header(
        "Authorization",
        "AWS4-HMAC-SHA256 Credential="
            + key
            + "/"
            + scope
            + ", SignedHeaders="
            + String.join(";", signed)
            + ", Signature="
            + signature);
    return b;
  }

  static HttpRequest.BodyPublisher streamed(byte[] body) {
    // An input-stream publisher has no length: the JDK client sends it chunked, as PutMedia is.
    return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
  }

  @Test
  void verifiesAStreamedPutMediaFromItsHeadersAndLeavesTheBodyToTheHandler() throws Exception {
    byte[] mkv = new byte[300_000];
    HttpRequest r =
        signedLikeTheCProducer(
                "/putMedia",
                KEY,
                null,
                Map.of("x-amzn-stream-name", "cam-0001"),
                SigV4.EMPTY_SHA256)
            .POST(streamed(mkv))
            .build();
    HttpResponse<String> resp = SdkSigner.CLIENT.send(r, HttpResponse.BodyHandlers.ofString());
    assertThat(resp.body()).isEqualTo("read 300000");
  }

  @Test
  void acceptsTheJavaProducersUnsignedPayload() throws Exception {
    SdkSigner s = new SdkSigner(THING_KEY, SECRET);
    s.sessionToken = TOKEN;
    s.unsignedPayload = true;
    var signed = s.sign(endpoint, "/putMedia", "");
    HttpRequest.Builder b =
        HttpRequest.newBuilder(endpoint.resolve("/putMedia")).POST(streamed(new byte[1000]));
    signed
        .headers()
        .forEach(
            (k, v) -> {
              if (!k.equalsIgnoreCase("host")) {
                v.forEach(x -> b.header(k, x));
              }
            });
    b.header("x-amzn-stream-name", "cam-0001");
    HttpResponse<String> resp =
        SdkSigner.CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(resp.body()).isEqualTo("read 1000");
  }

  @Test
  void hashesAJsonBodyAndKeepsItReadable() throws Exception {
    String json = "{\"StreamName\":\"cam-0001\",\"StartSelector\":{\"StartSelectorType\":\"NOW\"}}";
    HttpRequest r =
        signedLikeTheCProducer(
                "/getMedia",
                KEY,
                null,
                Map.of("content-type", "application/json"),
                SigV4.sha256Hex(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    HttpResponse<String> resp = SdkSigner.CLIENT.send(r, HttpResponse.BodyHandlers.ofString());
    assertThat(resp.body()).isEqualTo("body " + json);
  }

  @Test
  void refusesAThingsCredentialsOnAnotherStream() throws Exception {
    HttpRequest r =
        signedLikeTheCProducer(
                "/putMedia",
                THING_KEY,
                TOKEN,
                Map.of("x-amzn-stream-name", "cam-0002"),
                SigV4.EMPTY_SHA256)
            .POST(streamed(new byte[10]))
            .build();
    HttpResponse<String> resp = SdkSigner.CLIENT.send(r, HttpResponse.BodyHandlers.ofString());
    assertThat(resp.statusCode()).isEqualTo(403);
    assertThat(resp.headers().firstValue("x-amzn-ErrorType").orElseThrow())
        .startsWith("AccessDeniedException:");
    assertThat(resp.body())
        .contains(
            "is not authorized to perform: kinesisvideo:PutMedia on resource:"
                + " arn:aws:kinesisvideo:us-west-2:123456789012:stream/cam-0002/*");
  }

  @Test
  void acceptsAThingsCredentialsOnItsOwnStream() throws Exception {
    HttpRequest r =
        signedLikeTheCProducer(
                "/putMedia",
                THING_KEY,
                TOKEN,
                Map.of("x-amzn-stream-name", "cam-0001"),
                SigV4.EMPTY_SHA256)
            .POST(streamed(new byte[10]))
            .build();
    assertThat(SdkSigner.CLIENT.send(r, HttpResponse.BodyHandlers.ofString()).body())
        .isEqualTo("read 10");
  }
}
