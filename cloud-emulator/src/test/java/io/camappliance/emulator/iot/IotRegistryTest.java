package io.camappliance.emulator.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IotRegistryTest {
  @TempDir Path dir;

  private X509CertificateSource certs() throws Exception {
    return new X509CertificateSource(CertificateAuthority.openOrCreate(dir.resolve("ca")));
  }

  /** Fresh device certificates from a CA in the test's directory. */
  record X509CertificateSource(CertificateAuthority ca) {
    java.security.cert.X509Certificate next() {
      return ca.issueDevice(KeyType.EC).certificate();
    }
  }

  @Test
  void certificateIdIsTheLowercaseHexSha256OfTheDerEncoding() throws Exception {
    var cert = certs().next();
    String expected =
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    assertThat(IotRegistry.certificateId(cert)).isEqualTo(expected).matches("[0-9a-f]{64}");
  }

  @Test
  void everythingSurvivesReopening() throws Exception {
    var cert = certs().next();
    IotRegistry r = IotRegistry.open(dir);
    r.createThing("cam-1");
    String id = r.registerCertificate(cert, CertificateStatus.ACTIVE);
    r.attachThingPrincipal("cam-1", id);
    r.setCertificateStatus(id, CertificateStatus.REVOKED);
    r.putRoleAlias(new RoleAlias("Alias", "arn:aws:iam::123456789012:role/x", 7200));

    IotRegistry again = IotRegistry.open(dir);

    assertThat(again.thingExists("cam-1")).isTrue();
    assertThat(again.isAttached("cam-1", id)).isTrue();
    assertThat(again.principalsOf("cam-1")).containsExactly(id);
    RegisteredCertificate c = again.certificate(id).orElseThrow();
    assertThat(c.status()).isEqualTo(CertificateStatus.REVOKED);
    assertThat(c.certificate()).isEqualTo(cert);
    assertThat(again.roleAlias("Alias").orElseThrow().credentialDurationSeconds()).isEqualTo(7200);
    assertThat(Files.readString(dir.resolve("certificates").resolve(id + ".pem")))
        .startsWith("-----BEGIN CERTIFICATE-----");
  }

  @Test
  void seesChangesAnotherInstanceSavedToTheSameDirectory() throws Exception {
    var cert = certs().next();
    IotRegistry running = IotRegistry.open(dir);
    running.createThing("cam-1");
    IotRegistry tool = IotRegistry.open(dir);
    String id = tool.registerCertificate(cert, CertificateStatus.ACTIVE);
    tool.createThing("cam-2");
    tool.attachThingPrincipal("cam-2", id);

    assertThat(running.isAttached("cam-2", id)).isTrue();
    assertThat(running.thingExists("cam-1")).isTrue();
  }

  @Test
  void registeringAgainKeepsTheStatusAndCreatingAgainReportsNoChange() throws Exception {
    var cert = certs().next();
    IotRegistry r = IotRegistry.open(dir);
    String id = r.registerCertificate(cert, CertificateStatus.INACTIVE);
    assertThat(r.registerCertificate(cert, CertificateStatus.ACTIVE)).isEqualTo(id);
    assertThat(r.certificate(id).orElseThrow().status()).isEqualTo(CertificateStatus.INACTIVE);
    assertThat(r.createThing("t")).isTrue();
    assertThat(r.createThing("t")).isFalse();
  }

  @Test
  void attachingNeedsAnExistingThingAndCertificate() throws Exception {
    var cert = certs().next();
    IotRegistry r = IotRegistry.open(dir);
    String id = r.registerCertificate(cert, CertificateStatus.ACTIVE);
    assertThatThrownBy(() -> r.attachThingPrincipal("ghost", id)).hasMessageContaining("ghost");
    r.createThing("t");
    assertThatThrownBy(() -> r.attachThingPrincipal("t", "ab12")).hasMessageContaining("ab12");
  }

  @Test
  void detachingRemovesTheAttachment() throws Exception {
    var cert = certs().next();
    IotRegistry r = IotRegistry.open(dir);
    r.createThing("t");
    String id = r.registerCertificate(cert, CertificateStatus.ACTIVE);
    r.attachThingPrincipal("t", id);
    r.detachThingPrincipal("t", id);
    assertThat(IotRegistry.open(dir).isAttached("t", id)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "has space", "dot.ted", "slash/name"})
  void refusesThingNamesOutsideTheIotCharacterSet(String name) throws Exception {
    IotRegistry r = IotRegistry.open(dir);
    assertThatThrownBy(() -> r.createThing(name)).hasMessageContaining("[a-zA-Z0-9:_-]");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 899, 43_201})
  void roleAliasDurationMustBeWithin900And43200Seconds(int seconds) {
    assertThatThrownBy(() -> new RoleAlias("a", "arn:aws:iam::1:role/r", seconds))
        .hasMessageContaining(String.valueOf(seconds))
        .hasMessageContaining("900..43200");
  }

  @Test
  void roleAliasArnNamesRegionAccountAndAlias() {
    RoleAlias a = new RoleAlias("Cam", "arn:aws:iam::123456789012:role/r", 3600);
    assertThat(a.arn("eu-west-1", "123456789012"))
        .isEqualTo("arn:aws:iot:eu-west-1:123456789012:rolealias/Cam");
  }
}
