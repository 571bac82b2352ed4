package io.camappliance.emulator.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PemTest {
  @ParameterizedTest
  @CsvSource({
    "EC, PKCS8, -----BEGIN PRIVATE KEY-----",
    "EC, TRADITIONAL, -----BEGIN EC PRIVATE KEY-----",
    "RSA, PKCS8, -----BEGIN PRIVATE KEY-----",
    "RSA, TRADITIONAL, -----BEGIN RSA PRIVATE KEY-----"
  })
  void privateKeysRoundTripInEveryFormat(KeyType type, KeyFormat format, String header)
      throws Exception {
    KeyPair k = CertificateAuthority.generate(type);
    String pem = Pem.privateKey(k.getPrivate(), format);
    assertThat(pem).startsWith(header);
    PrivateKey back = Pem.privateKey(pem);
    String alg = type == KeyType.RSA ? "SHA256withRSA" : "SHA256withECDSA";
    Signature sign = Signature.getInstance(alg);
    sign.initSign(back);
    sign.update(new byte[] {1, 2, 3});
    Signature verify = Signature.getInstance(alg);
    verify.initVerify(k.getPublic());
    verify.update(new byte[] {1, 2, 3});
    assertThat(verify.verify(sign.sign()))
        .as("key read back signs for the original public key")
        .isTrue();
  }

  @Test
  void readingTextWithoutTheExpectedBlockNamesWhatWasMissing() {
    assertThatThrownBy(() -> Pem.certificate("hello")).hasMessageContaining("BEGIN CERTIFICATE");
    assertThatThrownBy(() -> Pem.privateKey("hello")).hasMessageContaining("PRIVATE KEY");
    assertThatThrownBy(() -> Pem.certificationRequest("hello"))
        .hasMessageContaining("CERTIFICATE REQUEST");
  }
}
