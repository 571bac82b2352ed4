package io.camappliance.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RtpPacketHistoryTest {

  private static byte[] packet(int seq, int payloadSize) {
    byte[] p = new byte[RtpHeader.SIZE + payloadSize];
    RtpHeader.write(p, 0, false, 96, seq, 1000, 0x55L);
    for (int i = RtpHeader.SIZE; i < p.length; i++) {
      p[i] = (byte) (seq + i);
    }
    return p;
  }

  @Test
  void resendsTheStoredPacketByteForByte() {
    RtpPacketHistory history = new RtpPacketHistory(8, 1212);
    byte[] sent = packet(40_000, 100);
    history.add(sent, 0, sent.length);
    CollectingSink sink = new CollectingSink();

    assertThat(history.resend(40_000, sink)).isTrue();

    assertThat(sink.packets).containsExactly(sent);
  }

  @Test
  void findsNothingForAPacketNeverSent() {
    RtpPacketHistory history = new RtpPacketHistory(8, 1212);
    byte[] sent = packet(5, 10);
    history.add(sent, 0, sent.length);
    CollectingSink sink = new CollectingSink();

    assertThat(history.resend(13, sink)).isFalse(); // same slot, other sequence number
    assertThat(history.resend(6, sink)).isFalse();
    assertThat(sink.packets).isEmpty();
  }

  @Test
  void forgetsThePacketsOlderThanItsCapacity() {
    RtpPacketHistory history = new RtpPacketHistory(4, 1212);
    for (int seq = 65_533; seq < 65_533 + 6; seq++) {
      byte[] p = packet(seq & 0xFFFF, 20);
      history.add(p, 0, p.length);
    }

    // sent 65533, 65534, 65535, 0, 1, 2: the last four survive across the wrap
    assertThat(history.contains(65_533)).isFalse();
    assertThat(history.contains(65_534)).isFalse();
    assertThat(history.contains(65_535)).isTrue();
    assertThat(history.contains(0)).isTrue();
    assertThat(history.contains(2)).isTrue();
    CollectingSink sink = new CollectingSink();
    assertThat(history.resend(0, sink)).isTrue();
    assertThat(RtpHeader.sequenceNumber(sink.get(0), 0)).isZero();
    assertThat(sink.get(0)).isEqualTo(packet(0, 20));
  }

  @Test
  void answersEverySequenceNumberOfANackFromThePacketizersOutput() {
    H264Packetizer packetizer = new H264Packetizer(96, 0x1L, 100, 0, 1200);
    RtpPacketHistory history =
        new RtpPacketHistory(RtpPacketHistory.DEFAULT_CAPACITY, packetizer.maxPacketSize());
    CollectingSink sent = new CollectingSink();
    byte[] au = AccessUnit.of(AccessUnit.nal(0x65, 10_000));
    packetizer.packetize(
        au,
        0,
        au.length,
        0,
        (buf, off, len) -> {
          history.add(buf, off, len);
          sent.packet(buf, off, len);
        });
    CollectingSink resent = new CollectingSink();

    RtcpVisitor onNack =
        new RtcpVisitor() {
          @Override
          public void nack(long senderSsrc, long mediaSsrc, int sequenceNumber) {
            history.resend(sequenceNumber, resent);
          }
        };
    onNack.nack(0, 1, 102);
    onNack.nack(0, 1, 104);

    assertThat(resent.packets).containsExactly(sent.get(2), sent.get(4));
  }

  @Test
  void forgetsEverythingWhenCleared() {
    RtpPacketHistory history = new RtpPacketHistory(4, 100);
    byte[] p = packet(0, 10);
    history.add(p, 0, p.length);

    history.clear();

    assertThat(history.contains(0)).isFalse();
  }

  @Test
  void rejectsACapacityThatIsNotAPowerOfTwoAndPacketsTooBigToKeep() {
    assertThatThrownBy(() -> new RtpPacketHistory(500, 1212))
        .hasMessage("history capacity 500 is not a power of two from 1 to 65536");
    RtpPacketHistory history = new RtpPacketHistory(4, 100);
    byte[] big = packet(0, 100);
    assertThatThrownBy(() -> history.add(big, 0, big.length))
        .hasMessage("packet of 112 bytes is outside 12..100");
  }
}
