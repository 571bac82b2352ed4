package io.camappliance.emulator.iot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camappliance.emulator.auth.SigningCredential;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The AWS IoT credentials provider's decision, apart from HTTP and TLS: {@code GET
 * /role-aliases/<alias>/credentials} from a client certificate and the {@code x-amzn-iot-thingname}
 * header (§1 of the IoT reference).
 *
 * <p>Checks, first failure wins:
 *
 * <table>
 *   <caption>answers</caption>
 *   <tr><th>status</th><th>message</th><th>when</th></tr>
 *   <tr><td>429</td><td>Rate exceeded</td><td>a throttle was injected ({@link #throttle})</td></tr>
 *   <tr><td>403</td><td>Access Denied</td><td>certificate unregistered, INACTIVE or REVOKED (the
 *       handshake already refuses these; this catches connections and resumed TLS sessions that
 *       predate the change)</td></tr>
 *   <tr><td>400</td><td>Missing x-amzn-iot-thingname header</td><td>no or empty thing name
 *       (see below)</td></tr>
 *   <tr><td>404</td><td>Role alias does not exist</td><td>unknown role alias</td></tr>
 *   <tr><td>403</td><td>Invalid thing name passed</td><td>thing unknown or not attached to the
 *       certificate</td></tr>
 *   <tr><td>200</td><td colspan="2">{@code {"credentials":{"accessKeyId",
 *       "secretAccessKey","sessionToken","expiration"}}}</td></tr>
 * </table>
 *
 * <p>Bodies are {@code {"message":"..."}}; only "Invalid thing name passed" and "Access Denied" are
 * known texts, the others are the reference's unverified short texts. The real service issues
 * credentials without a thing name (policy variables are then unset); the emulator's session
 * credentials are always scoped to their thing ({@link SigningCredential#thingName()}), so it
 * refuses instead of issuing unscoped ones.
 *
 * <p>Lifetime: the smaller of the role alias's {@code credentialDurationSeconds} and the emulator's
 * {@code credentialLifetime} setting, so tests can shorten lifetimes without touching role aliases
 * and a long-lived alias never outlives the operator's cap. {@code expiration} is exactly {@code
 * YYYY-MM-DDTHH:MM:SSZ}: the C producer rejects any other length (§9 pitfall 5).
 */
final class CredentialsProvider {
  static final String THING_NAME_HEADER = "x-amzn-iot-thingname";
  static final DateTimeFormatter EXPIRATION =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final IotRegistry registry;
  private final IssuedCredentials issued;
  private final Duration lifetimeCap;
  private final AtomicInteger throttled = new AtomicInteger();

  CredentialsProvider(IotRegistry registry, IssuedCredentials issued, Duration lifetimeCap) {
    this.registry = registry;
    this.issued = issued;
    this.lifetimeCap = lifetimeCap;
  }

  /** The next {@code requests} requests get 429, whatever they carry. */
  void throttle(int requests) {
    throttled.set(requests);
  }

  CredentialsResponse answer(X509Certificate client, String thingName, String roleAliasName) {
    if (throttled.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return error(429, "Rate exceeded");
    }
    Optional<RegisteredCertificate> cert =
        client == null ? Optional.empty() : registry.certificate(IotRegistry.certificateId(client));
    if (cert.isEmpty() || cert.get().status() != CertificateStatus.ACTIVE) {
      return error(403, "Access Denied");
    }
    if (thingName == null || thingName.isEmpty()) {
      return error(400, "Missing " + THING_NAME_HEADER + " header");
    }
    Optional<RoleAlias> alias = registry.roleAlias(roleAliasName);
    if (alias.isEmpty()) {
      return error(404, "Role alias does not exist");
    }
    if (!registry.isAttached(thingName, cert.get().certificateId())) {
      return error(403, "Invalid thing name passed");
    }
    Duration lifetime = alias.get().credentialDuration();
    if (lifetimeCap.compareTo(lifetime) < 0) {
      lifetime = lifetimeCap;
    }
    SigningCredential s = issued.issue(thingName, lifetime);
    ObjectNode root = JSON.createObjectNode();
    root.putObject("credentials")
        .put("accessKeyId", s.accessKeyId())
        .put("secretAccessKey", s.secretAccessKey())
        .put("sessionToken", s.sessionToken())
        .put("expiration", EXPIRATION.format(s.expiration()));
    return new CredentialsResponse(200, root.toString());
  }

  private static CredentialsResponse error(int status, String message) {
    return new CredentialsResponse(
        status, JSON.createObjectNode().put("message", message).toString());
  }
}
