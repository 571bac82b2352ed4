package io.camappliance.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camappliance.credentials.CredentialsException.Kind;
import io.camappliance.emulator.Emulator;
import io.camappliance.emulator.EmulatorSettings;
import io.camappliance.emulator.iot.CertificateAuthority;
import io.camappliance.emulator.iot.CertificateStatus;
import io.camappliance.emulator.iot.KeyFormat;
import io.camappliance.emulator.iot.KeyType;
import io.camappliance.emulator.iot.ProvisionedDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(30)
class IotCredentialsClientTest {
  private static final String ALIAS = "camera-role-alias";

  @TempDir static Path dir;
  private static Emulator emulator;

  @BeforeAll
  static void startEmulator() throws IOException {
    emulator = Emulator.start(EmulatorSettings.defaults(dir.resolve("emulator")));
  }

  @AfterAll
  static void stopEmulator() {
    emulator.close();
  }

  private static ProvisionedDevice provision(String thing, KeyType type, KeyFormat format)
      throws IOException {
    return emulator.iot().provision(thing, ALIAS, type, format, dir.resolve("devices/" + thing));
  }

  private static IotCredentialsClient client(
      ProvisionedDevice d, Path caFile, String alias, String thing) throws CredentialsException {
    DeviceIdentity id = DeviceIdentity.load(d.certificateFile(), d.privateKeyFile(), caFile);
    return IotCredentialsClient.create(
        new CredentialsRequest("localhost:" + emulator.iotPort(), alias, thing), id);
  }

  private static IotCredentialsClient client(ProvisionedDevice d) throws CredentialsException {
    return client(d, d.caFile(), ALIAS, d.thingName());
  }

  @ParameterizedTest
  @CsvSource({"EC, PKCS8", "EC, TRADITIONAL", "RSA, PKCS8", "RSA, TRADITIONAL"})
  void getsSessionCredentialsWithEveryKeyTypeAndPemFormat(KeyType type, KeyFormat format)
      throws Exception {
    ProvisionedDevice d = provision("cam-" + type + "-" + format, type, format);
    String header =
        format == KeyFormat.PKCS8 ? "BEGIN PRIVATE KEY" : "BEGIN " + type + " PRIVATE KEY";
    assertThat(java.nio.file.Files.readString(d.privateKeyFile())).contains(header);
    try (IotCredentialsClient c = client(d)) {
      FetchedCredentials f = c.fetch();
      assertThat(f.credentials().accessKeyId()).startsWith("ASIA");
      assertThat(f.credentials().secretAccessKey()).isNotEmpty();
      assertThat(f.credentials().sessionToken()).isNotEmpty();
      assertThat(f.credentials().expiration())
          .isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3700));
      assertThat(f.serverDate())
          .hasValueSatisfying(
              t ->
                  assertThat(Duration.between(t, Instant.now()).abs())
                      .isLessThan(Duration.ofMinutes(1)));
      assertThat(f.credentials().toString()).doesNotContain(f.credentials().secretAccessKey());
      assertThat(emulator.iot().issuedCredentials().find(f.credentials().accessKeyId()))
          .as("the emulator knows the issued key")
          .isPresent();
    }
  }

  @Test
  void refusesAtLoadAKeyThatDoesNotMatchTheCertificateNamingBothFiles() throws Exception {
    ProvisionedDevice a = provision("cam-mismatch-a", KeyType.EC, KeyFormat.PKCS8);
    ProvisionedDevice b = provision("cam-mismatch-b", KeyType.EC, KeyFormat.PKCS8);
    assertThatThrownBy(
            () -> DeviceIdentity.load(a.certificateFile(), b.privateKeyFile(), a.caFile()))
        .isInstanceOf(CredentialsException.class)
        .hasMessageContaining("the private key in " + b.privateKeyFile())
        .hasMessageContaining("does not match the certificate in " + a.certificateFile())
        .extracting(e -> ((CredentialsException) e).kind())
        .isEqualTo(Kind.IDENTITY);
  }

  @Test
  void refusesAtLoadAnRsaKeyForAnEcCertificate() throws Exception {
    ProvisionedDevice ec = provision("cam-alg-ec", KeyType.EC, KeyFormat.PKCS8);
    ProvisionedDevice rsa = provision("cam-alg-rsa", KeyType.RSA, KeyFormat.TRADITIONAL);
    assertThatThrownBy(
            () -> DeviceIdentity.load(ec.certificateFile(), rsa.privateKeyFile(), ec.caFile()))
        .hasMessageContaining("does not match");
  }

  @Test
  void refusesAKeyFileThatHoldsACertificateNamingTheFile() throws Exception {
    ProvisionedDevice d = provision("cam-swapped", KeyType.EC, KeyFormat.PKCS8);
    assertThatThrownBy(
            () -> DeviceIdentity.load(d.certificateFile(), d.certificateFile(), d.caFile()))
        .hasMessageContaining("the private key " + d.certificateFile() + " holds no private key");
  }

  @Test
  void reportsTheCertificateExpiry() throws Exception {
    ProvisionedDevice d = provision("cam-expiry", KeyType.EC, KeyFormat.PKCS8);
    DeviceIdentity id = DeviceIdentity.load(d.certificateFile(), d.privateKeyFile(), d.caFile());
    assertThat(id.notAfter()).isEqualTo(Instant.parse("2049-12-31T23:59:59Z"));
    assertThat(id.timeToExpiry(Instant.parse("2049-12-31T23:59:00Z"))).hasSeconds(59);
    assertThat(id.validityAt(Instant.parse("2050-01-01T00:00:00Z"))).contains("expired on");
    assertThat(id.validityAt(Instant.parse("2000-01-01T00:00:00Z"))).contains("not valid before");
  }

  @Test
  void aCaFileThatDoesNotSignTheEndpointIsTlsRefused() throws Exception {
    ProvisionedDevice d = provision("cam-wrong-ca", KeyType.EC, KeyFormat.PKCS8);
    Path otherCa = CertificateAuthority.openOrCreate(dir.resolve("other-ca")).certificateFile();
    try (IotCredentialsClient c = client(d, otherCa, ALIAS, d.thingName())) {
      assertThatThrownBy(c::fetch)
          .isInstanceOfSatisfying(
              CredentialsException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TLS_REFUSED))
          .hasMessageContaining("CA file");
    }
  }

  @Test
  void aCaBundleWithSeveralRootsTrustsTheEndpointThroughAnyOfThem() throws Exception {
    ProvisionedDevice d = provision("cam-bundle", KeyType.EC, KeyFormat.TRADITIONAL);
    Path otherCa = CertificateAuthority.openOrCreate(dir.resolve("bundle-ca")).certificateFile();
    Path bundle = dir.resolve("bundle.pem");
    java.nio.file.Files.writeString(
        bundle,
        java.nio.file.Files.readString(otherCa) + java.nio.file.Files.readString(d.caFile()));
    try (IotCredentialsClient c = client(d, bundle, ALIAS, d.thingName())) {
      assertThat(c.fetch().credentials().accessKeyId()).startsWith("ASIA");
    }
  }

  @Test
  void aRevokedCertificateIsTlsRefused() throws Exception {
    ProvisionedDevice d = provision("cam-revoked", KeyType.RSA, KeyFormat.PKCS8);
    emulator.iot().registry().setCertificateStatus(d.certificateId(), CertificateStatus.REVOKED);
    try (IotCredentialsClient c = client(d)) {
      assertThatThrownBy(c::fetch)
          .isInstanceOfSatisfying(
              CredentialsException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TLS_REFUSED))
          .hasMessageContaining("REVOKED");
    }
  }

  @Test
  void anUnknownRoleAliasIsNotFoundNamingTheAlias() throws Exception {
    ProvisionedDevice d = provision("cam-alias", KeyType.EC, KeyFormat.PKCS8);
    try (IotCredentialsClient c = client(d, d.caFile(), "no-such-alias", d.thingName())) {
      assertThatThrownBy(c::fetch)
          .isInstanceOfSatisfying(
              CredentialsException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
          .hasMessageContaining("'no-such-alias'");
    }
  }

  @Test
  void aThingNotAttachedToTheCertificateIsForbidden() throws Exception {
    ProvisionedDevice d = provision("cam-attached", KeyType.EC, KeyFormat.PKCS8);
    provision("cam-other-thing", KeyType.EC, KeyFormat.PKCS8);
    try (IotCredentialsClient c = client(d, d.caFile(), ALIAS, "cam-other-thing")) {
      assertThatThrownBy(c::fetch)
          .isInstanceOfSatisfying(
              CredentialsException.class, e -> assertThat(e.kind()).isEqualTo(Kind.FORBIDDEN))
          .hasMessageContaining("'cam-other-thing' is not attached");
    }
  }

  @Test
  void throttlingIsClassifiedAsTransient() throws Exception {
    ProvisionedDevice d = provision("cam-throttled", KeyType.EC, KeyFormat.PKCS8);
    try (IotCredentialsClient c = client(d)) {
      emulator.iot().throttle(1);
      assertThatThrownBy(c::fetch)
          .isInstanceOfSatisfying(
              CredentialsException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.THROTTLED);
                assertThat(e.kind().isTransient()).isTrue();
              });
      assertThat(c.fetch().credentials().accessKeyId()).startsWith("ASIA");
    }
  }

  @Test
  void aClosedPortIsANetworkFailure() throws Exception {
    ProvisionedDevice d = provision("cam-closed-port", KeyType.EC, KeyFormat.PKCS8);
    DeviceIdentity id = DeviceIdentity.load(d.certificateFile(), d.privateKeyFile(), d.caFile());
    int unused;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      unused = s.getLocalPort();
    }
    try (IotCredentialsClient c =
        IotCredentialsClient.create(
            new CredentialsRequest("localhost:" + unused, ALIAS, d.thingName()), id)) {
      assertThatThrownBy(c::fetch)
          .isInstanceOfSatisfying(
              CredentialsException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NETWORK));
    }
  }
}
