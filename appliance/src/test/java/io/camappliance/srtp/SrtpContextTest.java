package io.camappliance.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camappliance.testing.Hex;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SrtpContextTest {
  private static final int SSRC = 0x1234abcd;
  private static final byte[] PAYLOAD = "an H.264 FU-A fragment, more or less".getBytes();

  private static SrtpContext context(SrtpProfile profile, int seed) {
    Random random = new Random(seed);
    byte[] key = new byte[profile.masterKeyLength()];
    byte[] salt = new byte[profile.masterSaltLength()];
    random.nextBytes(key);
    random.nextBytes(salt);
    return SrtpContext.create(profile, key, salt);
  }

  /** An RTP packet (one CSRC and a one-word header extension) in a buffer with room for the tag. */
  private static byte[] rtp(int seq, int ssrc, int room) {
    byte[] p = new byte[12 + 4 + 8 + PAYLOAD.length + room];
    p[0] = (byte) 0x91; // V=2, X=1, CC=1
    p[1] = 96;
    p[2] = (byte) (seq >>> 8);
    p[3] = (byte) seq;
    p[4] = 0x11; // timestamp
    SrtpTransform.putInt(p, 8, ssrc);
    SrtpTransform.putInt(p, 12, 0xc5c5c5c5); // CSRC
    SrtpTransform.putInt(p, 16, 0xbede0001); // extension, one word
    SrtpTransform.putInt(p, 20, 0x10ff0000);
    System.arraycopy(PAYLOAD, 0, p, 24, PAYLOAD.length);
    return p;
  }

  private static int rtpLength() {
    return 24 + PAYLOAD.length;
  }

  /** A receiver report with one report block. */
  private static byte[] rtcp(int ssrc, int room) {
    byte[] p = new byte[32 + room];
    p[0] = (byte) 0x81;
    p[1] = (byte) 201;
    p[3] = 7;
    SrtpTransform.putInt(p, 4, ssrc);
    SrtpTransform.putInt(p, 8, SSRC);
    for (int i = 12; i < 32; i++) {
      p[i] = (byte) i;
    }
    return p;
  }

  private static byte[] protectedRtp(SrtpContext tx, int seq) {
    byte[] p = rtp(seq, SSRC, tx.profile().rtpOverhead());
    int n = tx.protectRtp(p, rtpLength());
    assertThat(n).isEqualTo(p.length);
    return p;
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void rtpRoundTripsAcrossTheSequenceNumberWrapAndTheRolloverCounterAdvances(SrtpProfile profile) {
    SrtpContext tx = context(profile, 1);
    SrtpContext rx = context(profile, 1);
    int seq = 65530;
    for (int i = 0; i < 12; i++, seq = (seq + 1) & 0xFFFF) {
      byte[] wire = protectedRtp(tx, seq);
      byte[] plain = rtp(seq, SSRC, 0);
      // header stays clear, payload does not
      assertThat(Hex.of(wire, 0, 24)).isEqualTo(Hex.of(plain, 0, 24));
      assertThat(Hex.of(wire, 24, PAYLOAD.length)).isNotEqualTo(Hex.of(PAYLOAD));

      int n = rx.unprotectRtp(wire, wire.length);
      assertThat(n).as("seq %d", seq).isEqualTo(rtpLength());
      assertThat(Arrays.copyOf(wire, n)).isEqualTo(plain);
    }
    assertThat(tx.rtpIndex(SSRC, true)).isEqualTo(1L << 16 | 5);
    assertThat(rx.rtpIndex(SSRC, false)).isEqualTo(1L << 16 | 5);
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void theRolloverCounterIsPartOfTheTagSoAReceiverThatMissedTheWrapCannotDecrypt(
      SrtpProfile profile) {
    SrtpContext tx = context(profile, 2);
    SrtpContext rx = context(profile, 2);
    for (int seq = 0; seq < 65536; seq += 30000) {
      byte[] wire = protectedRtp(tx, seq); // 0, 30000, 60000: index grows within ROC 0
      assertThat(rx.unprotectRtp(wire, wire.length)).isPositive();
    }
    protectedRtp(tx, 20000); // ROC 1, never delivered
    protectedRtp(tx, 50000);
    byte[] wire = protectedRtp(tx, 10000); // ROC 2; receiver at 60000 (ROC 0) guesses ROC 1
    assertThat(rx.unprotectRtp(wire, wire.length)).isEqualTo(SrtpContext.AUTH_FAILED);
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void rtcpRoundTripsWithConsecutiveIndicesAndTheEBitSet(SrtpProfile profile) {
    SrtpContext tx = context(profile, 3);
    SrtpContext rx = context(profile, 3);
    for (int i = 0; i < 5; i++) {
      byte[] p = rtcp(0x55667788, profile.rtcpOverhead());
      int n = tx.protectRtcp(p, 32);
      assertThat(n).isEqualTo(32 + profile.rtcpOverhead());
      int wordAt = profile == SrtpProfile.SRTP_AEAD_AES_128_GCM ? n - 4 : 32;
      assertThat(Hex.of(p, wordAt, 4)).isEqualTo(String.format("%08x", 0x80000000 | i));
      assertThat(Hex.of(p, 8, 24)).isNotEqualTo(Hex.of(rtcp(0x55667788, 0), 8, 24));

      assertThat(rx.unprotectRtcp(p, n)).isEqualTo(32);
      assertThat(Arrays.copyOf(p, 32)).isEqualTo(rtcp(0x55667788, 0));
    }
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void aTamperedTagPayloadOrHeaderIsRejectedAndDoesNotMoveTheWindow(SrtpProfile profile) {
    SrtpContext tx = context(profile, 4);
    SrtpContext rx = context(profile, 4);
    byte[] good = protectedRtp(tx, 100);
    for (int at : new int[] {good.length - 1, 30, 3, 9}) {
      byte[] bad = good.clone();
      bad[at] ^= 0x40;
      assertThat(rx.unprotectRtp(bad, bad.length))
          .as("byte %d", at)
          .isEqualTo(SrtpContext.AUTH_FAILED);
    }
    assertThat(rx.authFailures()).isEqualTo(4);
    assertThat(rx.unprotectRtp(good, good.length)).isEqualTo(rtpLength());

    byte[] p = rtcp(7, profile.rtcpOverhead());
    int n = tx.protectRtcp(p, 32);
    p[20] ^= 1;
    assertThat(rx.unprotectRtcp(p, n)).isEqualTo(SrtpContext.AUTH_FAILED);
    p[20] ^= 1;
    assertThat(rx.unprotectRtcp(p, n)).isEqualTo(32);
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void aWrongKeyFailsAuthentication(SrtpProfile profile) {
    byte[] wire = protectedRtp(context(profile, 5), 1);
    assertThat(context(profile, 6).unprotectRtp(wire, wire.length))
        .isEqualTo(SrtpContext.AUTH_FAILED);
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void replaysAreRejectedReorderingWithinTheWindowIsAcceptedAndOlderIsTooOld(SrtpProfile profile) {
    SrtpContext tx = context(profile, 7);
    SrtpContext rx = context(profile, 7);
    byte[][] wire = new byte[80][];
    for (int seq = 0; seq < 80; seq++) {
      wire[seq] = protectedRtp(tx, 65500 + seq & 0xFFFF); // crosses the wrap too
    }
    int[] order = {0, 2, 1, 10, 3};
    for (int i : order) {
      byte[] copy = wire[i].clone();
      assertThat(rx.unprotectRtp(copy, copy.length)).as("packet %d", i).isEqualTo(rtpLength());
    }
    byte[] again = wire[2].clone();
    assertThat(rx.unprotectRtp(again, again.length)).isEqualTo(SrtpContext.REPLAYED);
    byte[] last = wire[79].clone();
    assertThat(rx.unprotectRtp(last, last.length)).isEqualTo(rtpLength());
    byte[] inWindow = wire[79 - 63].clone();
    assertThat(rx.unprotectRtp(inWindow, inWindow.length)).isEqualTo(rtpLength());
    byte[] tooOld = wire[79 - 64].clone();
    assertThat(rx.unprotectRtp(tooOld, tooOld.length)).isEqualTo(SrtpContext.TOO_OLD);
    assertThat(rx.replays()).isEqualTo(2);

    byte[] r = rtcp(9, profile.rtcpOverhead());
    int n = tx.protectRtcp(r, 32);
    byte[] copy = r.clone();
    assertThat(rx.unprotectRtcp(r, n)).isEqualTo(32);
    assertThat(rx.unprotectRtcp(copy, n)).isEqualTo(SrtpContext.REPLAYED);
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void everyTruncationAndGarbageInputIsRejectedWithoutThrowing(SrtpProfile profile) {
    SrtpContext tx = context(profile, 8);
    SrtpContext rx = context(profile, 8);
    byte[] good = protectedRtp(tx, 5);
    for (int cut = 0; cut < good.length; cut++) {
      assertThat(rx.unprotectRtp(good.clone(), cut)).as("cut %d", cut).isNegative();
    }
    byte[] r = rtcp(9, profile.rtcpOverhead());
    int n = tx.protectRtcp(r, 32);
    for (int cut = 0; cut < n; cut++) {
      assertThat(rx.unprotectRtcp(r.clone(), cut)).as("cut %d", cut).isNegative();
    }
    assertThat(rx.unprotectRtp(new byte[4], 40)).isEqualTo(SrtpContext.MALFORMED);
    assertThat(rx.unprotectRtp(null, 0)).isEqualTo(SrtpContext.MALFORMED);
    assertThat(rx.unprotectRtcp(new byte[4], -1)).isEqualTo(SrtpContext.MALFORMED);

    byte[] extensionPastTheEnd = good.clone();
    extensionPastTheEnd[18] = 0x7f; // extension length 0x7f01 words
    assertThat(rx.unprotectRtp(extensionPastTheEnd, extensionPastTheEnd.length))
        .isEqualTo(SrtpContext.MALFORMED);

    Random random = new Random(9);
    for (int i = 0; i < 2000; i++) {
      byte[] junk = new byte[1 + random.nextInt(80)];
      random.nextBytes(junk);
      junk[0] = (byte) (0x80 | junk[0] & 0x3f);
      assertThat(rx.unprotectRtp(junk, junk.length)).isNegative();
      assertThat(rx.unprotectRtcp(junk, junk.length)).isNegative();
    }
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void protectRefusesABufferWithoutRoomAndAMalformedPacketNamingTheSizes(SrtpProfile profile) {
    SrtpContext tx = context(profile, 10);
    byte[] tight = rtp(1, SSRC, profile.rtpOverhead() - 1);
    assertThatThrownBy(() -> tx.protectRtp(tight, rtpLength()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(rtpLength() + " bytes")
        .hasMessageContaining("room for " + profile.rtpOverhead());
    byte[] version1 = rtp(1, SSRC, 16);
    version1[0] = 0x40;
    assertThatThrownBy(() -> tx.protectRtp(version1, rtpLength()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version 1");
    assertThatThrownBy(() -> tx.protectRtcp(new byte[30], 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4 bytes");
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void streamsAreKeptApartBySsrc(SrtpProfile profile) {
    SrtpContext tx = context(profile, 11);
    SrtpContext rx = context(profile, 11);
    byte[] a = rtp(7, 1, profile.rtpOverhead());
    byte[] b = rtp(7, 2, profile.rtpOverhead());
    int n = tx.protectRtp(a, rtpLength());
    tx.protectRtp(b, rtpLength());
    assertThat(Hex.of(a, 24, PAYLOAD.length)).isNotEqualTo(Hex.of(b, 24, PAYLOAD.length));
    assertThat(rx.unprotectRtp(a, n)).isEqualTo(rtpLength());
    assertThat(rx.unprotectRtp(b, n)).isEqualTo(rtpLength());
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void anAuthenticNewSsrcBeyondTheLimitIsRefused(SrtpProfile profile) {
    SrtpContext tx = context(profile, 12);
    SrtpContext rx = context(profile, 12);
    for (int ssrc = 0; ssrc <= SrtpContext.MAX_STREAMS; ssrc++) {
      byte[] r = rtcp(ssrc, profile.rtcpOverhead());
      int n = ssrc < SrtpContext.MAX_STREAMS ? tx.protectRtcp(r, 32) : -1;
      if (n > 0) {
        assertThat(rx.unprotectRtcp(r, n)).isEqualTo(32);
      }
    }
    assertThatThrownBy(() -> tx.protectRtcp(rtcp(999, 20), 32))
        .isInstanceOf(IllegalStateException.class);
    SrtpContext other = context(profile, 12);
    byte[] r = rtcp(999, profile.rtcpOverhead());
    int n = other.protectRtcp(r, 32);
    assertThat(rx.unprotectRtcp(r, n)).isEqualTo(SrtpContext.STREAM_LIMIT);
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void createRefusesKeyMaterialOfTheWrongLength(SrtpProfile profile) {
    assertThatThrownBy(
            () -> SrtpContext.create(profile, new byte[15], new byte[profile.masterSaltLength()]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 15");
  }
}
