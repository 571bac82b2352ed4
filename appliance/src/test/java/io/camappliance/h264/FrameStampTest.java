package io.camappliance.h264;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameStampTest {

  @Test
  void roundTripsThroughItsNalUnit() {
    FrameStamp stamp = new FrameStamp(1_700_000_000_123_456L, 42);
    byte[] nal = stamp.toNalUnit();
    assertThat(FrameStamp.fromNalUnit(nal, 0, nal.length)).contains(stamp);
  }

  @Test
  void escapesPayloadBytesThatWouldLookLikeAStartCode() {
    FrameStamp stamp = new FrameStamp(0x0000_0100_0000_0002L, 0x0000_0000_0000_0001L);
    byte[] nal = stamp.toNalUnit();
    assertThat(AnnexB.findStartCode(nal, 0, nal.length)).isEqualTo(-1);
    assertThat(nal.length).isGreaterThan(36);
    assertThat(FrameStamp.fromNalUnit(nal, 0, nal.length)).contains(stamp);
  }

  @Test
  void ignoresSeiWithAnotherUuid() {
    byte[] nal = new FrameStamp(1, 2).toNalUnit();
    nal[3] ^= 0x01;
    assertThat(FrameStamp.fromNalUnit(nal, 0, nal.length)).isEmpty();
  }
}
