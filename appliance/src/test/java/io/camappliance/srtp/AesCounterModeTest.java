package io.camappliance.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.testing.Hex;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AesCounterModeTest {
  // RFC 3711 appendix B.2: session key, and the IV for SSRC 0, index 0 (the shifted salt).
  private static final byte[] KEY = Hex.bytes("2B7E151628AED2A6ABF7158809CF4F3C");
  private static final byte[] IV = Hex.bytes("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");
  private static final int SEGMENT_BLOCKS = 65282;

  @Test
  void keystreamMatchesRfc3711AppendixB2AtBothEndsOfTheSegment() {
    byte[] ks = new byte[SEGMENT_BLOCKS * 16];
    new AesCounterMode(KEY).keystream(IV, ks, 0, ks.length);

    assertThat(Hex.of(ks, 0, 48))
        .isEqualToIgnoringCase(
            "E03EAD0935C95E80E166B16DD92B4EB4"
                + "D23513162B02D0F72A43A2FE4A5F97AB"
                + "41E95B3BB0A2E8DD477901E4FCA894C0");
    // counters ...FEFF, ...FF00, ...FF01
    assertThat(Hex.of(ks, ks.length - 48, 48))
        .isEqualToIgnoringCase(
            "EC8CDF7398607CB0F2D21675EA9EA1E4"
                + "362B7C3C6773516318A077D7FC5073AE"
                + "6A2CC3787889374FBEB4C81B17BA6C44");
  }

  @Test
  void keystreamEqualsTheJcaCtrModeAndAManualEcbCounter() throws Exception {
    Random random = new Random(5);
    for (int trial = 0; trial < 50; trial++) {
      byte[] key = new byte[16];
      random.nextBytes(key);
      byte[] iv = new byte[16];
      random.nextBytes(iv);
      iv[14] = 0;
      iv[15] = 0;
      int len = random.nextInt(3000);

      byte[] ours = new byte[len];
      new AesCounterMode(key).keystream(iv, ours, 0, len);

      Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
      ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
      assertThat(ours).isEqualTo(ctr.doFinal(new byte[len]));

      Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
      ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
      for (int j = 0; j * 16 < len; j++) {
        byte[] counter = iv.clone();
        counter[14] = (byte) (j >>> 8);
        counter[15] = (byte) j;
        byte[] block = ecb.doFinal(counter);
        for (int i = 0; i < 16 && j * 16 + i < len; i++) {
          assertThat(ours[j * 16 + i]).isEqualTo(block[i]);
        }
      }
    }
  }

  @Test
  void applyingTheKeystreamTwiceRestoresTheDataAndTouchesOnlyTheRange() {
    AesCounterMode cm = new AesCounterMode(KEY);
    byte[] data = new byte[100];
    new Random(1).nextBytes(data);
    byte[] original = data.clone();

    cm.apply(IV, data, 10, 33);
    assertThat(Hex.of(data, 0, 10)).isEqualTo(Hex.of(original, 0, 10));
    assertThat(Hex.of(data, 43, 57)).isEqualTo(Hex.of(original, 43, 57));
    assertThat(Hex.of(data, 10, 33)).isNotEqualTo(Hex.of(original, 10, 33));
    cm.apply(IV, data, 10, 33);
    assertThat(data).isEqualTo(original);
  }
}
