package io.camappliance.emulator.sigv4;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Crafts SigV4-signed requests with the AWS SDK's own signer (an implementation independent of the
 * emulator's), with any region, service, clock or credential, and sends them with the JDK client.
 */
final class SdkSigner {
  /** Headers the JDK client sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED =
      Set.of("host", "content-length", "connection", "expect", "upgrade");

  /** One client for all tests: the JDK 17 client has no close() and keeps a selector thread. */
  static final HttpClient CLIENT = HttpClient.newHttpClient();

  String accessKeyId;
  String secret;
  String sessionToken;
  String region = "us-west-2";
  String service = "kinesisvideo";
  Instant time = Instant.now();
  boolean presign;
  Duration presignLifetime = Duration.ofMinutes(5);
  boolean unsignedPayload;

  SdkSigner(String accessKeyId, String secret) {
    this.accessKeyId = accessKeyId;
    this.secret = secret;
  }

  /** The signed request, as the SDK would put it on the wire. */
  SdkHttpRequest sign(URI endpoint, String path, String body) {
    SdkHttpRequest unsigned =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            // The SDK signs payloads of plain-HTTP requests whatever it is told; an https URI
            // with the same host and port lets it sign UNSIGNED-PAYLOAD. send() uses http.
            .uri(
                unsignedPayload
                    ? URI.create("https" + endpoint.resolve(path).toString().substring(4))
                    : endpoint.resolve(path))
            .putHeader("Content-Type", "application/json")
            .build();
    AwsCredentialsIdentity identity =
        sessionToken == null
            ? AwsCredentialsIdentity.create(accessKeyId, secret)
            : AwsSessionCredentialsIdentity.create(accessKeyId, secret, sessionToken);
    return AwsV4HttpSigner.create()
        .sign(
            r ->
                r.identity(identity)
                    .request(unsigned)
                    .payload(ContentStreamProvider.fromUtf8String(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(time, ZoneOffset.UTC))
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, !unsignedPayload)
                    .putProperty(
                        AwsV4HttpSigner.AUTH_LOCATION,
                        presign
                            ? AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING
                            : AwsV4FamilyHttpSigner.AuthLocation.HEADER)
                    .putProperty(
                        AwsV4HttpSigner.EXPIRATION_DURATION, presign ? presignLifetime : null))
        .request();
  }

  static HttpResponse<String> send(SdkHttpRequest signed, String body)
      throws IOException, InterruptedException {
    return send(signed, body, Map.of());
  }

  /** Sends the signed request, with {@code override} replacing (or adding) headers. */
  static HttpResponse<String> send(SdkHttpRequest signed, String body, Map<String, String> override)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create("http" + signed.getUri().toString().replaceFirst("^https?", "")))
            .method(
                signed.method().name(),
                HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    for (Map.Entry<String, List<String>> h : signed.headers().entrySet()) {
      String name = h.getKey().toLowerCase(java.util.Locale.ROOT);
      if (RESTRICTED.contains(name) || override.containsKey(name)) {
        continue;
      }
      h.getValue().forEach(v -> b.header(h.getKey(), v));
    }
    override.forEach(b::header);
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
