package io.camappliance.emulator.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CertificateAuthorityTest {
  @TempDir Path dir;

  @Test
  void isCreatedOnceAndKeptWithAnOwnerOnlyKey() throws Exception {
    CertificateAuthority first = CertificateAuthority.openOrCreate(dir);
    CertificateAuthority again = CertificateAuthority.openOrCreate(dir);
    X509Certificate ca = first.certificate();
    assertThat(again.certificate()).isEqualTo(ca);
    assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(ca.getSubjectX500Principal()).isEqualTo(ca.getIssuerX500Principal());
    ca.verify(ca.getPublicKey());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca.key"))))
        .isEqualTo("rw-------");
    // a certificate from the reopened CA verifies against the first CA's certificate
    again.issueDevice(KeyType.EC).certificate().verify(ca.getPublicKey());
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void issuesClientCertificatesLikeAwsIot(KeyType type) throws Exception {
    CertificateAuthority ca = CertificateAuthority.openOrCreate(dir);
    IssuedKey k = ca.issueDevice(type);
    X509Certificate c = k.certificate();
    c.verify(ca.certificate().getPublicKey());
    assertThat(c.getPublicKey()).isEqualTo(k.keyPair().getPublic());
    assertThat(k.keyPair().getPrivate().getAlgorithm()).isEqualTo(type.name());
    assertThat(c.getSubjectX500Principal()).isEqualTo(new X500Principal("CN=AWS IoT Certificate"));
    assertThat(c.getBasicConstraints()).isEqualTo(-1);
    assertThat(c.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2"); // clientAuth
    assertThat(c.getNotAfter().toInstant()).isEqualTo(CertificateAuthority.DEVICE_NOT_AFTER);
  }

  @Test
  void issuesForACertificateRequestKeepingTheDevicesKey() throws Exception {
    CertificateAuthority ca = CertificateAuthority.openOrCreate(dir);
    KeyPair device = CertificateAuthority.generate(KeyType.RSA);
    PKCS10CertificationRequest csr =
        new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=cam-1"), device.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withRSA").build(device.getPrivate()));
    String pem = Pem.write(csr);

    X509Certificate c = ca.issueDevice(Pem.certificationRequest(pem));

    c.verify(ca.certificate().getPublicKey());
    assertThat(c.getPublicKey()).isEqualTo(device.getPublic());
  }

  @Test
  void refusesACertificateRequestWhoseSignatureDoesNotVerify() throws Exception {
    CertificateAuthority ca = CertificateAuthority.openOrCreate(dir);
    KeyPair device = CertificateAuthority.generate(KeyType.EC);
    KeyPair other = CertificateAuthority.generate(KeyType.EC);
    PKCS10CertificationRequest csr =
        new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=cam-1"), device.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(other.getPrivate()));
    assertThatThrownBy(() -> ca.issueDevice(csr)).hasMessageContaining("does not verify");
  }

  @Test
  void serverCertificateNamesLocalhostAndTheLoopbackAddress() throws Exception {
    CertificateAuthority ca = CertificateAuthority.openOrCreate(dir);
    X509Certificate c =
        ca.issueServer(List.of("localhost", "127.0.0.1"), Duration.ofDays(1)).certificate();
    c.verify(ca.certificate().getPublicKey());
    assertThat(c.getSubjectAlternativeNames())
        .containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
    assertThat(c.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1"); // serverAuth
  }
}
