package io.camappliance.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayInputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DtlsCertificateTest {
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void keepsTheSameCertificateAcrossRestarts() throws Exception {
    DtlsCertificate first = DtlsCertificate.loadOrCreate(dir, CLOCK);
    DtlsCertificate second = DtlsCertificate.loadOrCreate(dir, CLOCK);

    assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
    assertThat(second.certificateDer()).isEqualTo(first.certificateDer());
    assertThat(Files.readString(dir.resolve(DtlsCertificate.KEY_FILE)))
        .startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(Files.readString(dir.resolve(DtlsCertificate.CERTIFICATE_FILE)))
        .startsWith("-----BEGIN CERTIFICATE-----\n");
  }

  @Test
  void writesTheKeyReadableByItsOwnerOnly() throws Exception {
    assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");

    DtlsCertificate.loadOrCreate(dir, CLOCK);

    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve(DtlsCertificate.KEY_FILE))))
        .isEqualTo("rw-------");
  }

  @Test
  void narrowsAWidenedKeyFileBackToOwnerOnlyAndKeepsTheCertificate() throws Exception {
    assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
    DtlsCertificate first = DtlsCertificate.loadOrCreate(dir, CLOCK);
    Path key = dir.resolve(DtlsCertificate.KEY_FILE);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

    DtlsCertificate second = DtlsCertificate.loadOrCreate(dir, CLOCK);

    assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
  }

  @Test
  void regeneratesWhenTheCertificateFileIsCorrupt() throws Exception {
    DtlsCertificate first = DtlsCertificate.loadOrCreate(dir, CLOCK);
    Files.writeString(
        dir.resolve(DtlsCertificate.CERTIFICATE_FILE),
        "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n");

    DtlsCertificate second = DtlsCertificate.loadOrCreate(dir, CLOCK);

    assertThat(second.fingerprint()).isNotEqualTo(first.fingerprint());
    assertThat(DtlsCertificate.loadOrCreate(dir, CLOCK).fingerprint())
        .isEqualTo(second.fingerprint());
  }

  @Test
  void regeneratesWhenTheKeyFileIsTruncated() throws Exception {
    DtlsCertificate first = DtlsCertificate.loadOrCreate(dir, CLOCK);
    Path key = dir.resolve(DtlsCertificate.KEY_FILE);
    Files.writeString(key, Files.readString(key).substring(0, 60));

    assertThat(DtlsCertificate.loadOrCreate(dir, CLOCK).fingerprint())
        .isNotEqualTo(first.fingerprint());
  }

  @Test
  void regeneratesWhenAFileIsMissing() throws Exception {
    DtlsCertificate first = DtlsCertificate.loadOrCreate(dir, CLOCK);
    Files.delete(dir.resolve(DtlsCertificate.KEY_FILE));

    assertThat(DtlsCertificate.loadOrCreate(dir, CLOCK).fingerprint())
        .isNotEqualTo(first.fingerprint());
  }

  @Test
  void regeneratesWhenTheKeyBelongsToAnotherCertificate(@TempDir Path other) throws Exception {
    DtlsCertificate first = DtlsCertificate.loadOrCreate(dir, CLOCK);
    DtlsCertificate.loadOrCreate(other, CLOCK);
    Files.copy(
        other.resolve(DtlsCertificate.KEY_FILE),
        dir.resolve(DtlsCertificate.KEY_FILE),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    DtlsCertificate second = DtlsCertificate.loadOrCreate(dir, CLOCK);

    assertThat(second.fingerprint()).isNotEqualTo(first.fingerprint());
    assertThat(DtlsCertificate.loadOrCreate(dir, CLOCK).fingerprint())
        .isEqualTo(second.fingerprint());
  }

  @Test
  void renewsOnlyWhenFewerThanThirtyDaysRemain() throws Exception {
    DtlsCertificate first = DtlsCertificate.loadOrCreate(dir, CLOCK);

    Clock day334 = Clock.offset(CLOCK, Duration.ofDays(334));
    assertThat(DtlsCertificate.loadOrCreate(dir, day334).fingerprint())
        .isEqualTo(first.fingerprint());

    Clock day336 = Clock.offset(CLOCK, Duration.ofDays(336));
    DtlsCertificate renewed = DtlsCertificate.loadOrCreate(dir, day336);
    assertThat(renewed.fingerprint()).isNotEqualTo(first.fingerprint());
    assertThat(renewed.notAfter()).isEqualTo(NOW.plus(Duration.ofDays(336 + 365)));
  }

  @Test
  void isASelfSignedP256CertificateValidFromYesterdayForAYear() throws Exception {
    DtlsCertificate c = DtlsCertificate.loadOrCreate(dir, CLOCK);
    X509Certificate x509 = readPem(dir.resolve(DtlsCertificate.CERTIFICATE_FILE));

    x509.verify(x509.getPublicKey());
    assertThat(x509.getSubjectX500Principal().getName()).isEqualTo("CN=camera");
    assertThat(x509.getIssuerX500Principal()).isEqualTo(x509.getSubjectX500Principal());
    assertThat(x509.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(((ECPublicKey) x509.getPublicKey()).getParams().getCurve().getField().getFieldSize())
        .isEqualTo(256);
    assertThat(x509.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofDays(1)));
    assertThat(x509.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
    assertThat(c.notAfter()).isEqualTo(NOW.plus(Duration.ofDays(365)));
    assertThat(x509.getSerialNumber().signum()).isPositive();
  }

  @Test
  void fingerprintIsTheSha256OfTheDerCertificateInSdpForm() throws Exception {
    DtlsCertificate c = DtlsCertificate.loadOrCreate(dir, CLOCK);
    byte[] der = readPem(dir.resolve(DtlsCertificate.CERTIFICATE_FILE)).getEncoded();
    String hex =
        HexFormat.ofDelimiter(":")
            .withUpperCase()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(der));

    assertThat(c.fingerprint()).isEqualTo("sha-256 " + hex);
    assertThat(c.fingerprint()).matches("sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}");
  }

  @Test
  void fingerprintAgreesWithOpenssl() throws Exception {
    Path openssl = Path.of("/usr/bin/openssl");
    assumeThat(Files.isExecutable(openssl)).as("openssl installed").isTrue();
    DtlsCertificate c = DtlsCertificate.loadOrCreate(dir, CLOCK);

    Process p =
        new ProcessBuilder(
                openssl.toString(),
                "x509",
                "-noout",
                "-fingerprint",
                "-sha256",
                "-in",
                dir.resolve(DtlsCertificate.CERTIFICATE_FILE).toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();

    // "sha256 Fingerprint=AB:CD:..." (OpenSSL 3) or "SHA256 Fingerprint=AB:CD:..."
    assertThat(out.substring(out.indexOf('=') + 1)).isEqualTo(c.fingerprint().substring(8));
  }

  private static X509Certificate readPem(Path file) throws Exception {
    String pem = Files.readString(file);
    String body =
        pem.replace("-----BEGIN CERTIFICATE-----", "")
            .replace("-----END CERTIFICATE-----", "")
            .replaceAll("\\s", "");
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(body)));
  }
}
