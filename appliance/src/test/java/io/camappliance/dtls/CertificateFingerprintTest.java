package io.camappliance.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CertificateFingerprintTest {
  /** SHA-256("abc"), FIPS 180-2 Appendix B.1. */
  private static final String SHA256_ABC =
      "sha-256 BA:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:"
          + "B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD";

  private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

  @Test
  void hashesTheDerBytesIntoTheSdpForm() {
    assertThat(CertificateFingerprint.of("sha-256", ABC).toString()).isEqualTo(SHA256_ABC);
  }

  @Test
  void parsesAndWritesTheSameText() {
    CertificateFingerprint f = CertificateFingerprint.parse(SHA256_ABC);

    assertThat(f.toString()).isEqualTo(SHA256_ABC);
    assertThat(f.hashFunction()).isEqualTo("sha-256");
    assertThat(f.matches(ABC)).isTrue();
    assertThat(f.matches("abd".getBytes(StandardCharsets.US_ASCII))).isFalse();
  }

  @Test
  void acceptsLowerCaseAndSurroundingSpaceAndWritesCanonicalUpperCase() {
    CertificateFingerprint f =
        CertificateFingerprint.parse("  SHA-256 " + SHA256_ABC.substring(8).toLowerCase() + " ");

    assertThat(f).isEqualTo(CertificateFingerprint.parse(SHA256_ABC));
    assertThat(f.toString()).isEqualTo(SHA256_ABC);
  }

  @Test
  void supportsTheOtherShaFunctions() {
    // SHA-1("abc"), FIPS 180-2 Appendix A.1
    CertificateFingerprint f =
        CertificateFingerprint.parse(
            "sha-1 A9:99:3E:36:47:06:81:6A:BA:3E:25:71:78:50:C2:6C:9C:D0:D8:9D");

    assertThat(f.matches(ABC)).isTrue();
    assertThat(CertificateFingerprint.of("sha-512", ABC).toString()).startsWith("sha-512 DD:AF:35");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|no space",
        "sha-256|no space",
        "md5 AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89|is not one of [sha-1, sha-224",
        "sha-256 AB:CD|got 5 characters",
        "sha-256 GG:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD|byte 0 is 'GG'",
        "sha-256 BA-78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD|followed by '-'",
        "sha-256 BA:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:A٣|not two hex digits",
      })
  void refusesMalformedTextNamingTheProblem(String text, String message) {
    assertThatThrownBy(() -> CertificateFingerprint.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void refusesOverlongText() {
    assertThatThrownBy(() -> CertificateFingerprint.parse("sha-256 " + "AB:".repeat(100)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than 199");
  }
}
