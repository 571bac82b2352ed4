package io.camappliance.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.testing.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HmacSha1Test {

  @Test
  void matchesRfc2202TestCase2() {
    HmacSha1 mac = new HmacSha1("Jefe".getBytes(StandardCharsets.US_ASCII));
    byte[] msg = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[20];
    mac.start();
    mac.update(msg, 0, msg.length);
    mac.finish(out, 0, 20);
    assertThat(Hex.of(out)).isEqualTo("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
  }

  @Test
  void equalsTheJcaHmacSha1ForRandomKeysAndMessagesIncludingTheTrailingWord() throws Exception {
    Random random = new Random(7);
    Mac jca = Mac.getInstance("HmacSHA1");
    for (int trial = 0; trial < 200; trial++) {
      byte[] key = new byte[1 + random.nextInt(100)];
      random.nextBytes(key);
      byte[] msg = new byte[random.nextInt(1500)];
      random.nextBytes(msg);
      int word = random.nextInt();

      HmacSha1 ours = new HmacSha1(key);
      byte[] tag = new byte[10];
      for (int repeat = 0; repeat < 2; repeat++) { // state resets between messages
        ours.start();
        ours.update(msg, 0, msg.length);
        ours.updateInt(word);
        ours.finish(tag, 0, 10);
      }

      jca.init(new SecretKeySpec(key, "HmacSHA1"));
      jca.update(msg);
      jca.update(
          new byte[] {
            (byte) (word >>> 24), (byte) (word >>> 16), (byte) (word >>> 8), (byte) word
          });
      byte[] expected = Arrays.copyOf(jca.doFinal(), 10);
      assertThat(tag).isEqualTo(expected);

      ours.start();
      ours.update(msg, 0, msg.length);
      ours.updateInt(word);
      assertThat(ours.finishAndVerify(expected, 0, 10)).isTrue();
      expected[random.nextInt(10)] ^= 1;
      ours.start();
      ours.update(msg, 0, msg.length);
      ours.updateInt(word);
      assertThat(ours.finishAndVerify(expected, 0, 10)).isFalse();
    }
  }
}
