package io.camappliance.emulator.iot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks behind the endpoint for cases TLS normally stops first: connections and resumed
 * sessions that outlive a certificate's deactivation.
 */
class CredentialsProviderTest {
  @TempDir Path dir;
  private IotRegistry registry;
  private IssuedCredentials issued;
  private CredentialsProvider provider;
  private X509Certificate cert;
  private String id;

  @BeforeEach
  void setUp() throws Exception {
    registry = IotRegistry.open(dir);
    issued = IssuedCredentials.open(dir.resolve("issued.json"), Clock.systemUTC());
    provider = new CredentialsProvider(registry, issued, Duration.ofHours(1));
    cert =
        CertificateAuthority.openOrCreate(dir.resolve("ca")).issueDevice(KeyType.EC).certificate();
    id = registry.registerCertificate(cert, CertificateStatus.ACTIVE);
    registry.createThing("cam-1");
    registry.attachThingPrincipal("cam-1", id);
    registry.putRoleAlias(new RoleAlias("A", "arn:aws:iam::123456789012:role/r", 3600));
  }

  @Test
  void aCertificateDeactivatedAfterTheHandshakeGetsAccessDenied() {
    assertThat(provider.answer(cert, "cam-1", "A").status()).isEqualTo(200);
    registry.setCertificateStatus(id, CertificateStatus.INACTIVE);
    CredentialsResponse r = provider.answer(cert, "cam-1", "A");
    assertThat(r).isEqualTo(new CredentialsResponse(403, "{\"message\":\"Access Denied\"}"));
    assertThat(issued.size()).isEqualTo(1);
  }

  @Test
  void noClientCertificateGetsAccessDenied() {
    assertThat(provider.answer(null, "cam-1", "A"))
        .isEqualTo(new CredentialsResponse(403, "{\"message\":\"Access Denied\"}"));
  }

  @Test
  void expirationIsExactlyTwentyCharacters() {
    assertThat(
            CredentialsProvider.EXPIRATION.format(
                java.time.Instant.parse("2026-01-02T03:04:05.999Z")))
        .isEqualTo("2026-01-02T03:04:05Z");
  }
}
