package io.camappliance.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FingerprintTest {

  @Test
  void formatsUpperCaseHexWithColonsAndParsesItBack() throws SdpException {
    // SHA-256("abc"), FIPS 180-2 appendix B.1.
    Fingerprint f = Fingerprint.sha256("abc".getBytes(StandardCharsets.US_ASCII));

    assertThat(f.format())
        .isEqualTo(
            "sha-256 BA:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD");
    assertThat(Fingerprint.parse(f.format())).isEqualTo(f);
    assertThat(Fingerprint.parse(f.format().toLowerCase())).isEqualTo(f);
  }

  @Test
  void matchesTheCertificateItWasMadeFrom() throws Exception {
    byte[] der = {0x30, 0x03, 0x02, 0x01, 0x01};
    Fingerprint f = Fingerprint.parse(Fingerprint.sha256(der).format());

    assertThat(f.matches(der)).isTrue();
    assertThat(f.matches(new byte[] {0x30, 0x00})).isFalse();
  }

  @Test
  void refusesMalformedValues() {
    assertThatThrownBy(() -> Fingerprint.parse("sha-256"))
        .hasMessage("fingerprint needs '<hash function> <hex>:<hex>:...'");
    assertThatThrownBy(() -> Fingerprint.parse("sha-256 " + "AB-".repeat(31) + "AB"))
        .hasMessage("fingerprint byte 1 is not two hex digits followed by ':'");
    assertThatThrownBy(() -> Fingerprint.parse("sha-256 " + "AB:".repeat(31) + "AG"))
        .hasMessage("fingerprint byte 32 is not two hex digits followed by ':'");
  }
}
