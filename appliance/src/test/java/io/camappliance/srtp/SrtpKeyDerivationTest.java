package io.camappliance.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camappliance.testing.Hex;
import org.junit.jupiter.api.Test;

class SrtpKeyDerivationTest {
  // RFC 3711 appendix B.3
  private static final byte[] MASTER_KEY = Hex.bytes("E1F97A0D3E018BE0D64FA32C06DE4139");
  private static final byte[] MASTER_SALT = Hex.bytes("0EC675AD498AFEEBB6960B3AABE6");

  @Test
  void derivesTheRfc3711AppendixB3CipherKeySaltAndAuthKey() {
    SrtpKeyDerivation kdf = new SrtpKeyDerivation(MASTER_KEY, MASTER_SALT);

    assertThat(Hex.of(kdf.derive(SrtpKeyDerivation.SRTP_ENCRYPTION, 16)))
        .isEqualToIgnoringCase("C61E7A93744F39EE10734AFE3FF7A087");
    assertThat(Hex.of(kdf.derive(SrtpKeyDerivation.SRTP_SALT, 14)))
        .isEqualToIgnoringCase("30CBBC08863D8C85D49DB34A9AE1");
    // The RFC derives a 94-byte auth key to show several blocks; HMAC-SHA1 uses the first 20.
    assertThat(Hex.of(kdf.derive(SrtpKeyDerivation.SRTP_AUTHENTICATION, 94)))
        .isEqualToIgnoringCase(
            "CEBE321F6FF7716B6FD4AB49AF256A15"
                + "6D38BAA48F0A0ACF3C34E2359E6CDBCE"
                + "E049646C43D9327AD175578EF7227098"
                + "6371C10C9A369AC2F94A8C5FBCDDDC25"
                + "6D6E919A48B610EF17C2041E47403576"
                + "6B68642C59BBFC2F34DB60DBDFB2");
  }

  @Test
  void eachLabelGivesADifferentKey() {
    SrtpKeyDerivation kdf = new SrtpKeyDerivation(MASTER_KEY, MASTER_SALT);
    java.util.Set<String> keys = new java.util.HashSet<>();
    for (int label = 0; label <= 5; label++) {
      keys.add(Hex.of(kdf.derive(label, 16)));
    }
    assertThat(keys).hasSize(6);
  }

  @Test
  void aTwelveByteAeadSaltIsPaddedWithZerosOnTheRight() {
    byte[] salt12 = Hex.bytes("0EC675AD498AFEEBB6960B3A");
    byte[] salt14 = Hex.bytes("0EC675AD498AFEEBB6960B3A0000");
    assertThat(new SrtpKeyDerivation(MASTER_KEY, salt12).derive(SrtpKeyDerivation.SRTP_SALT, 12))
        .isEqualTo(
            new SrtpKeyDerivation(MASTER_KEY, salt14).derive(SrtpKeyDerivation.SRTP_SALT, 12));
  }

  @Test
  void refusesKeysAndSaltsOfOtherLengthsNamingThem() {
    assertThatThrownBy(() -> new SrtpKeyDerivation(new byte[32], MASTER_SALT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> new SrtpKeyDerivation(MASTER_KEY, new byte[13]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("13 bytes");
  }
}
