package io.camappliance.emulator.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.emulator.Emulator;
import io.camappliance.emulator.EmulatorSettings;
import io.camappliance.emulator.auth.SigningCredential;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * SigV4 on the control plane, with requests crafted by the AWS SDK's signer: each failure answers
 * the status, {@code x-amzn-ErrorType} and message of the service.
 */
class SigV4VerificationTest {
  static final String KEY = EmulatorSettings.DEFAULT_ACCESS_KEY_ID;
  static final String SECRET = EmulatorSettings.DEFAULT_SECRET_ACCESS_KEY;
  static final String SESSION_KEY = "ASIASESSIONKEY000001";
  static final String EXPIRED_KEY = "ASIAEXPIREDKEY000001";
  static final String TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE/TOKEN+value==";
  static final String BODY = "{\"MaxResults\":5}";

  @TempDir static Path dir;
  static Emulator emulator;

  @BeforeAll
  static void start() throws Exception {
    Instant later = Instant.now().plus(Duration.ofHours(1));
    Instant earlier = Instant.now().minus(Duration.ofMinutes(1));
    emulator =
        Emulator.start(
            EmulatorSettings.defaults(dir),
            id ->
                switch (id) {
                  case SESSION_KEY ->
                      Optional.of(new SigningCredential(SESSION_KEY, SECRET, TOKEN, later, null));
                  case EXPIRED_KEY ->
                      Optional.of(new SigningCredential(EXPIRED_KEY, SECRET, TOKEN, earlier, null));
                  default -> Optional.empty();
                });
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  static HttpResponse<String> listStreams(SdkSigner s) throws Exception {
    return SdkSigner.send(s.sign(emulator.endpoint(), "/listStreams", BODY), BODY);
  }

  static void assertRefused(HttpResponse<String> r, int status, String type, String message) {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.headers().firstValue("x-amzn-ErrorType"))
        .hasValue(type + ":http://internal.amazon.com/coral/com.amazonaws.kinesis.video/");
    assertThat(r.headers().firstValue("content-type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(r.body()).startsWith("{\"Message\":\"" + message);
  }

  @Test
  void acceptsARightHeaderSignature() throws Exception {
    HttpResponse<String> r = listStreams(new SdkSigner(KEY, SECRET));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"StreamInfoList\":[]}");
  }

  @Test
  void acceptsUnsignedPayloadDeclaredInTheHeader() throws Exception {
    SdkSigner s = new SdkSigner(KEY, SECRET);
    s.unsignedPayload = true;
    SdkHttpRequest signed = s.sign(emulator.endpoint(), "/listStreams", BODY);
    assertThat(signed.firstMatchingHeader("x-amz-content-sha256")).hasValue("UNSIGNED-PAYLOAD");
    assertThat(SdkSigner.send(signed, BODY).statusCode()).isEqualTo(200);
  }

  @Test
  void acceptsARightPresignedQueryWithSessionToken() throws Exception {
    SdkSigner s = new SdkSigner(SESSION_KEY, SECRET);
    s.sessionToken = TOKEN;
    s.presign = true;
    SdkHttpRequest signed = s.sign(emulator.endpoint(), "/listStreams", BODY);
    assertThat(signed.rawQueryParameters()).containsKeys("X-Amz-Signature", "X-Amz-Security-Token");
    assertThat(signed.firstMatchingHeader("Authorization")).isEmpty();
    HttpResponse<String> r = SdkSigner.send(signed, BODY);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @Test
  void refusesAWrongSignature() throws Exception {
    assertRefused(
        listStreams(new SdkSigner(KEY, "not-the-secret")),
        403,
        "InvalidSignatureException",
        "The request signature we calculated does not match the signature you provided.");
  }

  @Test
  void refusesABodyChangedAfterSigning() throws Exception {
    SdkHttpRequest signed =
        new SdkSigner(KEY, SECRET).sign(emulator.endpoint(), "/listStreams", BODY);
    assertRefused(
        SdkSigner.send(signed, "{\"MaxResults\":6}"),
        400,
        "InvalidSignatureException",
        "The provided 'x-amz-content-sha256' header");
  }

  @Test
  void refusesAnotherRegionInTheScope() throws Exception {
    SdkSigner s = new SdkSigner(KEY, SECRET);
    s.region = "eu-west-1";
    assertRefused(
        listStreams(s),
        403,
        "InvalidSignatureException",
        "Credential should be scoped to a valid region, not 'eu-west-1'. ");
  }

  @Test
  void refusesAnotherServiceInTheScope() throws Exception {
    SdkSigner s = new SdkSigner(KEY, SECRET);
    s.service = "kinesis";
    assertRefused(
        listStreams(s),
        403,
        "InvalidSignatureException",
        "Credential should be scoped to correct service: 'kinesisvideo'. ");
  }

  @Test
  void refusesAnUnknownAccessKey() throws Exception {
    assertRefused(
        listStreams(new SdkSigner("AKIDUNKNOWN000000000", SECRET)),
        403,
        "UnrecognizedClientException",
        "The security token included in the request is invalid.");
  }

  @Test
  void refusesSessionCredentialsWithoutTheirToken() throws Exception {
    assertRefused(
        listStreams(new SdkSigner(SESSION_KEY, SECRET)),
        403,
        "UnrecognizedClientException",
        "The security token included in the request is invalid.");
  }

  @Test
  void refusesExpiredSessionCredentials() throws Exception {
    SdkSigner s = new SdkSigner(EXPIRED_KEY, SECRET);
    s.sessionToken = TOKEN;
    assertRefused(
        listStreams(s),
        403,
        "ExpiredTokenException",
        "The security token included in the request is expired");
  }

  @Test
  void refusesADateMoreThanFifteenMinutesOld() throws Exception {
    SdkSigner s = new SdkSigner(KEY, SECRET);
    s.time = Instant.now().minus(Duration.ofMinutes(16));
    assertRefused(
        listStreams(s),
        403,
        "InvalidSignatureException",
        "Signature expired: " + SigV4.AMZ_DATE.format(s.time) + " is now earlier than ");
  }

  @Test
  void refusesADateMoreThanFifteenMinutesAhead() throws Exception {
    SdkSigner s = new SdkSigner(KEY, SECRET);
    s.time = Instant.now().plus(Duration.ofMinutes(16));
    assertRefused(
        listStreams(s),
        403,
        "InvalidSignatureException",
        "Signature not yet current: " + SigV4.AMZ_DATE.format(s.time) + " is still later than ");
  }

  @Test
  void acceptsADateWithinFifteenMinutes() throws Exception {
    SdkSigner s = new SdkSigner(KEY, SECRET);
    s.time = Instant.now().minus(Duration.ofMinutes(14));
    assertThat(listStreams(s).statusCode()).isEqualTo(200);
  }

  @Test
  void refusesAnExpiredPresignedUrl() throws Exception {
    SdkSigner s = new SdkSigner(KEY, SECRET);
    s.presign = true;
    s.presignLifetime = Duration.ofMinutes(5);
    s.time = Instant.now().minus(Duration.ofMinutes(6));
    assertRefused(
        listStreams(s),
        403,
        "InvalidSignatureException",
        "Signature expired: " + SigV4.AMZ_DATE.format(s.time.plus(Duration.ofMinutes(5))));
  }

  @Test
  void refusesAMalformedAuthorizationHeader() throws Exception {
    SdkHttpRequest signed =
        new SdkSigner(KEY, SECRET).sign(emulator.endpoint(), "/listStreams", BODY);
    String broken =
        "AWS4-HMAC-SHA256 Credential=" + KEY + "/20240322/us-west-2/kinesisvideo/aws4_request";
    assertRefused(
        SdkSigner.send(signed, BODY, Map.of("authorization", broken)),
        400,
        "IncompleteSignatureException",
        "Authorization header requires 'Signature' parameter. Authorization header requires"
            + " 'SignedHeaders' parameter. Authorization="
            + broken);
  }

  @Test
  void refusesAScopeDateOtherThanTheRequestDate() throws Exception {
    SdkHttpRequest signed =
        new SdkSigner(KEY, SECRET).sign(emulator.endpoint(), "/listStreams", BODY);
    String auth = signed.firstMatchingHeader("Authorization").orElseThrow();
    String date = signed.firstMatchingHeader("X-Amz-Date").orElseThrow().substring(0, 8);
    String other = auth.replace("/" + date + "/", "/19991231/");
    assertRefused(
        SdkSigner.send(signed, BODY, Map.of("authorization", other)),
        403,
        "InvalidSignatureException",
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP:"
            + " '19991231' != '"
            + date);
  }

  @Test
  void refusesARequestWithoutAuthentication() throws Exception {
    HttpResponse<String> r =
        SdkSigner.CLIENT.send(
            HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/listStreams"))
                .POST(HttpRequest.BodyPublishers.ofString(BODY))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertRefused(r, 403, "MissingAuthenticationTokenException", "Missing Authentication Token");
  }
}
