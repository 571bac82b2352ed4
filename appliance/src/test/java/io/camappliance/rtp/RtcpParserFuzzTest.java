package io.camappliance.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * RTCP arrives from any browser on the network: whatever the bytes, the parser either reports
 * in-range values or throws {@link RtcpException} naming an offset inside the datagram, after
 * reporting nothing. No other exception may escape.
 */
class RtcpParserFuzzTest {

  @FuzzTest
  void reportsInRangeValuesOrRejectsTheDatagramWithAnOffset(byte[] input) {
    RecordingVisitor events = new RecordingVisitor();
    RtcpVisitor checked = new RangeCheckingVisitor(events);
    try {
      RtcpParser.parse(input, 0, input.length, checked);
    } catch (RtcpException e) {
      assertThat(e.offset()).isBetween(0, Math.max(0, input.length - 1));
      assertThat(e.getMessage()).startsWith("RTCP at offset " + e.offset() + ": ");
      assertThat(events.events).isEmpty();
      return;
    }
    assertThat(input.length).isGreaterThanOrEqualTo(4);
  }

  /** Checks every value's range, then passes it on. */
  private record RangeCheckingVisitor(RtcpVisitor next) implements RtcpVisitor {

    private static void ssrc(long v) {
      assertThat(v).isBetween(0L, 0xFFFF_FFFFL);
    }

    @Override
    public void senderReport(long s, long ntp, long rtp, long packets, long octets) {
      ssrc(s);
      ssrc(rtp);
      ssrc(packets);
      ssrc(octets);
      next.senderReport(s, ntp, rtp, packets, octets);
    }

    @Override
    public void receptionReport(
        long r, long s, int fraction, int lost, long highest, long jitter, long lsr, long dlsr) {
      ssrc(r);
      ssrc(s);
      assertThat(fraction).isBetween(0, 255);
      assertThat(lost).isBetween(-(1 << 23), (1 << 23) - 1);
      ssrc(highest);
      ssrc(jitter);
      ssrc(lsr);
      ssrc(dlsr);
      next.receptionReport(r, s, fraction, lost, highest, jitter, lsr, dlsr);
    }

    @Override
    public void nack(long s, long m, int seq) {
      ssrc(s);
      ssrc(m);
      assertThat(seq).isBetween(0, 65535);
      next.nack(s, m, seq);
    }

    @Override
    public void pictureLossIndication(long s, long m) {
      ssrc(s);
      ssrc(m);
      next.pictureLossIndication(s, m);
    }

    @Override
    public void fullIntraRequest(long s, long m, int seq) {
      ssrc(s);
      ssrc(m);
      assertThat(seq).isBetween(0, 255);
      next.fullIntraRequest(s, m, seq);
    }

    @Override
    public void receiverEstimatedMaxBitrate(long s, long m, long bps) {
      ssrc(s);
      ssrc(m);
      assertThat(bps).isNotNegative();
      next.receiverEstimatedMaxBitrate(s, m, bps);
    }

    @Override
    public void bye(long s) {
      ssrc(s);
      next.bye(s);
    }

    @Override
    public void other(int type, int count, int offset, int length) {
      assertThat(type).isBetween(0, 255);
      assertThat(count).isBetween(0, 31);
      assertThat(offset).isNotNegative();
      assertThat(length).isGreaterThanOrEqualTo(4);
      next.other(type, count, offset, length);
    }
  }
}
