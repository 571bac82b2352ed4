package io.camappliance.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The {@code a=fingerprint} value comes from the browser's SDP offer and is untrusted: any text
 * either parses into a fingerprint that writes back into text parsing to the same value, or fails
 * with an {@link IllegalArgumentException} that says why. The corpus in {@code
 * CertificateFingerprintFuzzTestInputs} holds valid and broken values.
 */
class CertificateFingerprintFuzzTest {
  @FuzzTest
  void parsesAnyTextOrExplainsWhyNot(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    CertificateFingerprint f;
    try {
      f = CertificateFingerprint.parse(text);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    assertThat(CertificateFingerprint.parse(f.toString())).isEqualTo(f);
    assertThat(f.toString()).startsWith(f.hashFunction() + " ");
  }
}
