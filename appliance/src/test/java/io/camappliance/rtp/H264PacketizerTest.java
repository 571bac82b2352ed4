package io.camappliance.rtp;

import static io.camappliance.rtp.AccessUnit.AUD;
import static io.camappliance.rtp.AccessUnit.nal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.camappliance.h264.FrameStamp;
import io.camappliance.media.EncodedFrame;
import io.camappliance.media.VideoFormat;
import io.camappliance.testing.Hex;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class H264PacketizerTest {
  private static final int PT = 96;
  private static final long SSRC = 0x11223344L;
  private static final byte[] SPS = Hex.bytes("6742001f");
  private static final byte[] PPS = Hex.bytes("68ce3c80");

  private static H264Packetizer packetizer(int budget) {
    return new H264Packetizer(PT, SSRC, 0x1234, 0, budget);
  }

  private static CollectingSink packetize(H264Packetizer p, byte[] au, long pts) {
    CollectingSink sink = new CollectingSink();
    int n = p.packetize(au, 0, au.length, pts, sink);
    assertThat(n).isEqualTo(sink.size());
    return sink;
  }

  @Test
  void writesASingleNalUnitPacketByteForByte() {
    CollectingSink sink =
        packetize(packetizer(1200), AccessUnit.of(AUD, Hex.bytes("419a0102")), 1_000_000);

    // V=2, M=1 PT=96, seq 0x1234, ts 90 000 = 0x15f90, SSRC, then the NAL unit as it is.
    assertThat(sink.hex()).containsExactly("80e0123400015f9011223344419a0102");
  }

  @Test
  void writesStapAThenSeiThenFuAFragmentsOfAnIdrByteForByte() {
    H264Packetizer p = new H264Packetizer(PT, SSRC, 0x1234, 0x01020304, 16);
    byte[] sei = Hex.bytes("060501aa80");
    byte[] idr = nal(0x65, 17); // 65 01 02 .. 10: 16 payload bytes, one more than fits

    CollectingSink sink = packetize(p, AccessUnit.of(AUD, SPS, PPS, sei, idr), 0);

    assertThat(sink.hex())
        .containsExactly(
            // STAP-A: F=0 NRI=3 type 24, then size 4 + SPS, size 4 + PPS
            Hex.of(Hex.bytes("80601234 01020304 11223344 78 0004 6742001f 0004 68ce3c80")),
            Hex.of(Hex.bytes("80601235 01020304 11223344 060501aa80")),
            // FU-A: indicator F=0 NRI=3 type 28; header S=1 type 5; 14 bytes
            Hex.of(Hex.bytes("80601236 01020304 11223344 7c 85 0102030405060708090a0b0c0d0e")),
            // last fragment: E=1, and the marker bit
            Hex.of(Hex.bytes("80e01237 01020304 11223344 7c 45 0f10")));
  }

  @Test
  void sendsANalUnitOfExactlyTheBudgetAsOneSingleNalUnitPacket() {
    byte[] slice = nal(0x41, 1200);

    CollectingSink sink = packetize(packetizer(1200), AccessUnit.of(slice), 0);

    assertThat(sink.size()).isEqualTo(1);
    assertThat(sink.get(0)).hasSize(RtpHeader.SIZE + 1200);
    assertThat(sink.payload(0)).isEqualTo(slice);
  }

  @Test
  void splitsANalUnitOneByteOverTheBudgetIntoAStartAndAnEndFragment() {
    byte[] slice = nal(0x41, 1201);

    CollectingSink sink = packetize(packetizer(1200), AccessUnit.of(slice), 0);

    assertThat(sink.size()).isEqualTo(2);
    assertThat(sink.payload(0)).hasSize(1200);
    assertThat(sink.payload(0)[0]).isEqualTo((byte) 0x5c); // NRI 2, type 28
    assertThat(sink.payload(0)[1]).isEqualTo((byte) 0x81); // S, type 1
    assertThat(sink.payload(1)).hasSize(2 + 2); // 1200 payload bytes: 1198 + 2
    assertThat(sink.payload(1)[0]).isEqualTo((byte) 0x5c);
    assertThat(sink.payload(1)[1]).isEqualTo((byte) 0x41); // E, type 1
  }

  @Test
  void fragmentsABigIdrWithStartMiddleAndEndBitsNriAndType() {
    byte[] idr = nal(0x65, 5000);
    H264Packetizer p = packetizer(1200);

    CollectingSink sink = packetize(p, AccessUnit.of(idr), 0);

    // 4999 bytes after the NAL header, 1198 per fragment: 4 full fragments and 207 bytes.
    assertThat(sink.size()).isEqualTo(5);
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    joined.write(0x65);
    for (int i = 0; i < 5; i++) {
      byte[] payload = sink.payload(i);
      assertThat(payload.length).isEqualTo(i < 4 ? 1200 : 2 + 207);
      assertThat(payload[0]).as("FU indicator of fragment %d", i).isEqualTo((byte) 0x7c);
      int expectedHeader = (i == 0 ? 0x80 : 0) | (i == 4 ? 0x40 : 0) | 5;
      assertThat(payload[1] & 0xFF).as("FU header of fragment %d", i).isEqualTo(expectedHeader);
      joined.write(payload, 2, payload.length - 2);
    }
    assertThat(joined.toByteArray()).isEqualTo(idr);
  }

  @Test
  void copiesTheNriOfTheNalUnitIntoTheFuIndicator() {
    for (int nri = 0; nri < 4; nri++) {
      CollectingSink sink = packetize(packetizer(100), AccessUnit.of(nal((nri << 5) | 1, 300)), 0);

      for (int i = 0; i < sink.size(); i++) {
        assertThat(sink.payload(i)[0] & 0xFF).isEqualTo((nri << 5) | 28);
        assertThat(sink.payload(i)[1] & 0x1F).isEqualTo(1);
      }
    }
  }

  @Test
  void sendsTheParameterSetsAsAStapAWithTwoByteSizesBeforeTheIdr() {
    byte[] idr = nal(0x65, 50);

    CollectingSink sink = packetize(packetizer(1200), AccessUnit.of(AUD, SPS, PPS, idr), 0);

    assertThat(sink.size()).isEqualTo(2);
    assertThat(Hex.of(sink.payload(0))).isEqualTo("78" + "0004" + "6742001f" + "0004" + "68ce3c80");
    assertThat(sink.payload(1)).isEqualTo(idr);
  }

  @Test
  void takesTheStapANriFromTheHighestNriOfTheParameterSets() {
    H264Packetizer p = packetizer(1200);
    p.parameterSets(Hex.bytes("2742001f"), Hex.bytes("48ce3c80")); // NRI 1 and NRI 2

    CollectingSink sink = packetize(p, AccessUnit.of(nal(0x65, 20)), 0);

    assertThat(sink.payload(0)[0] & 0xFF).isEqualTo(0x40 | 24);
  }

  @Test
  void repeatsTheLatestParameterSetsBeforeEveryIdrEvenWhenTheIdrCarriesNone() {
    H264Packetizer p = packetizer(1200);
    byte[] newSps = Hex.bytes("6742002a");
    packetize(p, AccessUnit.of(SPS, PPS, nal(0x65, 20)), 0);
    packetize(p, AccessUnit.of(newSps, nal(0x65, 20)), 3000);

    CollectingSink sink = packetize(p, AccessUnit.of(nal(0x65, 20)), 6000);

    assertThat(Hex.of(sink.payload(0))).isEqualTo("78" + "0004" + "6742002a" + "0004" + "68ce3c80");
  }

  @Test
  void sendsNoParameterSetsBeforeANonIdrFrame() {
    H264Packetizer p = packetizer(1200);
    p.parameterSets(SPS, PPS);
    byte[] slice = nal(0x41, 20);

    CollectingSink sink = packetize(p, AccessUnit.of(AUD, slice), 0);

    assertThat(sink.size()).isEqualTo(1);
    assertThat(sink.payload(0)).isEqualTo(slice);
  }

  @Test
  void sendsInBandParameterSetsOfANonIdrFrameAheadOfItsSlices() {
    byte[] slice = nal(0x41, 20);

    CollectingSink sink = packetize(packetizer(1200), AccessUnit.of(SPS, PPS, slice), 0);

    assertThat(sink.size()).isEqualTo(2);
    assertThat(sink.payload(0)[0] & 0x1F).isEqualTo(24);
  }

  @Test
  void sendsAnIdrWithoutParameterSetsWhenNoneAreKnownYet() {
    byte[] idr = nal(0x65, 20);

    CollectingSink sink = packetize(packetizer(1200), AccessUnit.of(idr), 0);

    assertThat(sink.size()).isEqualTo(1);
    assertThat(sink.payload(0)).isEqualTo(idr);
  }

  @Test
  void takesTheParameterSetsFromTheFramesFormat() {
    H264Packetizer p = packetizer(1200);
    VideoFormat format = new VideoFormat("H264", 1920, 1080, 30, SPS, PPS);
    byte[] au = AccessUnit.of(nal(0x65, 20));
    CollectingSink sink = new CollectingSink();

    p.packetize(new EncodedFrame(0, 0, 0, 0, true, au, au.length, format), sink);

    assertThat(sink.size()).isEqualTo(2);
    assertThat(Hex.of(sink.payload(0))).isEqualTo("78" + "0004" + "6742001f" + "0004" + "68ce3c80");
  }

  @Test
  void sendsSpsAndPpsAloneWhenTogetherTheyExceedTheBudget() {
    H264Packetizer p = packetizer(8); // a STAP-A of both needs 13 bytes

    CollectingSink sink = packetize(p, AccessUnit.of(SPS, PPS, nal(0x65, 6)), 0);

    assertThat(sink.size()).isEqualTo(3);
    assertThat(sink.payload(0)).isEqualTo(SPS);
    assertThat(sink.payload(1)).isEqualTo(PPS);
    assertThat(markers(sink)).containsExactly(false, false, true);
  }

  @Test
  void setsTheMarkerOnlyOnTheLastPacketOfTheAccessUnit() {
    byte[] au =
        AccessUnit.of(
            AUD, SPS, PPS, seiStamp(), nal(0x65, 3000), nal(0x65, 500), nal(0x65, 2500), AUD);

    CollectingSink sink = packetize(packetizer(1200), au, 0);

    // STAP-A, SEI, 3 fragments, 1 single, 3 fragments
    assertThat(sink.size()).isEqualTo(9);
    List<Boolean> markers = markers(sink);
    assertThat(markers.subList(0, 8)).containsOnly(false);
    assertThat(markers.get(8)).isTrue();
  }

  @Test
  void dropsAccessUnitDelimitersAndFillerData() {
    byte[] slice = nal(0x41, 20);

    CollectingSink sink =
        packetize(packetizer(1200), AccessUnit.of(AUD, Hex.bytes("0cffffff80"), slice), 0);

    assertThat(sink.size()).isEqualTo(1);
    assertThat(sink.payload(0)).isEqualTo(slice);
  }

  @Test
  void sendsNothingForAnAccessUnitOfDelimitersOnly() {
    H264Packetizer p = packetizer(1200);

    CollectingSink sink = packetize(p, AccessUnit.of(AUD), 0);

    assertThat(sink.size()).isZero();
    assertThat(p.nextSequenceNumber()).isEqualTo(0x1234);
  }

  @Test
  void forwardsTheSeiThatCarriesTheFrameStamp() {
    FrameStamp stamp = new FrameStamp(1_700_000_000_123_456L, 42);
    byte[] sei = stamp.toNalUnit();

    CollectingSink sink = packetize(packetizer(1200), AccessUnit.of(AUD, sei, nal(0x41, 30)), 0);

    assertThat(sink.size()).isEqualTo(2);
    byte[] first = sink.payload(0);
    assertThat(FrameStamp.fromNalUnit(first, 0, first.length)).contains(stamp);
  }

  @Test
  void wrapsTheSequenceNumberAfter65535() {
    H264Packetizer p = new H264Packetizer(PT, SSRC, 65534, 0, 1200);

    CollectingSink sink = packetize(p, AccessUnit.of(nal(0x41, 3000), nal(0x41, 10)), 0);

    assertThat(sink.packets.stream().map(b -> RtpHeader.sequenceNumber(b, 0)).toList())
        .containsExactly(65534, 65535, 0, 1);
    assertThat(p.nextSequenceNumber()).isEqualTo(2);
  }

  @Test
  void stampsEveryPacketWithThePtsOnA90KilohertzClock() {
    H264Packetizer p = new H264Packetizer(PT, SSRC, 0, 0, 1200);

    assertThat(p.timestampAt(0)).isZero();
    assertThat(p.timestampAt(1_000_000)).isEqualTo(90_000);
    assertThat(p.timestampAt(40_000)).isEqualTo(3_600);
    assertThat(p.timestampAt(33_333)).isEqualTo(2_999); // 2999.97 ticks, floored
    assertThat(p.timestampAt(-1)).isEqualTo(-1);
    long epochMicros = 1_700_000_000_123_456L;
    int expected =
        BigInteger.valueOf(epochMicros)
            .multiply(BigInteger.valueOf(9))
            .divide(BigInteger.valueOf(100))
            .intValue();
    assertThat(p.timestampAt(epochMicros)).isEqualTo(expected);

    CollectingSink sink = packetize(p, AccessUnit.of(nal(0x41, 3000)), 2_000_000);
    assertThat(sink.packets)
        .allSatisfy(b -> assertThat(RtpHeader.timestamp(b, 0)).isEqualTo(180_000));
  }

  @Test
  void addsTheOffsetToTheTimestampModulo2To32() {
    H264Packetizer p = new H264Packetizer(PT, SSRC, 0, 0xFFFF_FFF0, 1200);

    assertThat(p.timestampAt(1_000_000)).isEqualTo(90_000 - 16);
  }

  @Test
  void countsPacketsAndPayloadOctetsForTheSenderReport() {
    H264Packetizer p = packetizer(1200);
    CollectingSink sink = packetize(p, AccessUnit.of(SPS, PPS, nal(0x65, 5000)), 0);
    sink.packets.addAll(packetize(p, AccessUnit.of(nal(0x41, 700)), 33_333).packets);

    assertThat(p.packetCount()).isEqualTo(sink.size());
    assertThat(p.payloadOctetCount())
        .isEqualTo(sink.packets.stream().mapToLong(b -> b.length - RtpHeader.SIZE).sum());
    assertThat(sink.packets).allSatisfy(b -> assertThat(RtpHeader.ssrc(b, 0)).isEqualTo(SSRC));
  }

  @Test
  void startsEachStreamAtARandomSequenceNumberAndTimestamp() {
    H264Packetizer a = H264Packetizer.withRandomStart(PT, SSRC, new SplittableRandom(1));
    H264Packetizer b = H264Packetizer.withRandomStart(PT, SSRC, new SplittableRandom(2));

    assertThat(a.payloadBudget()).isEqualTo(H264Packetizer.DEFAULT_PAYLOAD_BUDGET);
    assertThat(a.maxPacketSize()).isEqualTo(1212);
    assertThat(a.nextSequenceNumber()).isBetween(0, 65535);
    assertThat(a.nextSequenceNumber()).isNotEqualTo(b.nextSequenceNumber());
    assertThat(a.timestampAt(0)).isNotEqualTo(b.timestampAt(0));
  }

  @Test
  void rejectsBudgetsAndPayloadTypesOutsideTheirRanges() {
    assertThatThrownBy(() -> new H264Packetizer(PT, SSRC, 0, 0, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RTP payload budget 2 is outside 3..65479");
    assertThatThrownBy(() -> new H264Packetizer(128, SSRC, 0, 0, 1200))
        .hasMessage("payload type 128 is outside 0..127");
    assertThatThrownBy(() -> packetizer(1200).parameterSets(PPS, SPS))
        .hasMessage("SPS must be a NAL unit of type 7, got 4 bytes with header 0x68");
  }

  @Test
  void allocatesNothingPerFrameOnceWarm() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs per-thread allocation");
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
    long tid = Thread.currentThread().getId();
    H264Packetizer p = packetizer(1200);
    byte[] idr = AccessUnit.of(AUD, SPS, PPS, seiStamp(), nal(0x65, 40_000), nal(0x65, 40_000));
    byte[] pFrame = AccessUnit.of(AUD, seiStamp(), nal(0x41, 8_000), nal(0x41, 8_000));
    long[] bytes = new long[1];
    RtpPacketSink sink = (buf, off, len) -> bytes[0] += len;
    for (int i = 0; i < 200; i++) {
      p.packetize(i % 10 == 0 ? idr : pFrame, 0, (i % 10 == 0 ? idr : pFrame).length, i, sink);
    }

    // Best of three rounds of 500 frames: one object per frame would cost at least 8000 bytes in
    // every round, while a stray allocation of the JVM's own shows up in one round only.
    long least = Long.MAX_VALUE;
    for (int round = 0; round < 3; round++) {
      long before = mx.getThreadAllocatedBytes(tid);
      for (int i = 0; i < 500; i++) {
        byte[] au = i % 10 == 0 ? idr : pFrame;
        p.packetize(au, 0, au.length, i * 33_333L, sink);
      }
      least = Math.min(least, mx.getThreadAllocatedBytes(tid) - before);
    }

    assertThat(least).isLessThan(1024); // the measuring call itself may cost a few bytes
    assertThat(bytes[0]).isPositive();
  }

  private static byte[] seiStamp() {
    return new FrameStamp(1_700_000_000_000_000L, 7).toNalUnit();
  }

  private static List<Boolean> markers(CollectingSink sink) {
    return sink.packets.stream().map(b -> RtpHeader.marker(b, 0)).toList();
  }
}
