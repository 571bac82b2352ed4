package io.camappliance.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Whatever arrives on the UDP port reaches {@link SrtpContext#unprotectRtp} and {@link
 * SrtpContext#unprotectRtcp}: any bytes must give a length within the input or a negative result,
 * never an exception. The first input byte picks the profile and the packet kind; a few inputs are
 * also protected first so that the fuzzer reaches the authenticated paths.
 */
class SrtpContextFuzzTest {
  private static final byte[] KEY = new byte[16];
  private static final byte[] SALT = new byte[14];

  @FuzzTest
  void unprotectReturnsALengthOrARejectionForAnyBytes(byte[] input) {
    if (input.length == 0) {
      return;
    }
    SrtpProfile profile = SrtpProfile.values()[input[0] & 1];
    boolean rtcp = (input[0] & 2) != 0;
    boolean protectFirst = (input[0] & 4) != 0;
    byte[] packet = Arrays.copyOfRange(input, 1, input.length + profile.rtcpOverhead());
    int length = input.length - 1;
    SrtpContext rx = context(profile);
    if (protectFirst) {
      try {
        length =
            rtcp
                ? context(profile).protectRtcp(packet, length)
                : context(profile).protectRtp(packet, length);
      } catch (IllegalArgumentException e) {
        return; // not a packet we would send
      }
    }
    int result = rtcp ? rx.unprotectRtcp(packet, length) : rx.unprotectRtp(packet, length);
    assertThat(result).isLessThanOrEqualTo(length);
    if (protectFirst) {
      assertThat(result).isEqualTo(input.length - 1);
      assertThat(Arrays.copyOf(packet, result))
          .isEqualTo(Arrays.copyOfRange(input, 1, input.length));
    } else {
      assertThat(result).isNotEqualTo(0);
    }
  }

  private static SrtpContext context(SrtpProfile profile) {
    return SrtpContext.create(profile, KEY, Arrays.copyOf(SALT, profile.masterSaltLength()));
  }
}
