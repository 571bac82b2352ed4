package io.camappliance.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AvccTest {
  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  // version 1, profile 42, compat c0, level 1e, ff (length size 4), e1 (1 SPS), len 4, SPS,
  // 01 (1 PPS), len 4, PPS
  private static final byte[] AVCC = hex("01 42c01e ff e1 0004 6742c01e 01 0004 68ce3c80");

  @Test
  void readsTheLengthSizeAndTheFirstParameterSets() {
    Avcc.Config c = Avcc.parse(AVCC);
    assertThat(c.lengthSize()).isEqualTo(4);
    assertThat(c.sps()).isEqualTo(hex("6742c01e"));
    assertThat(c.pps()).isEqualTo(hex("68ce3c80"));
    assertThat(Avcc.isConfigurationRecord(AVCC)).isTrue();
    assertThat(Avcc.isConfigurationRecord(hex("00000001 6742c01e"))).isFalse();
  }

  @Test
  void namesTheFieldThatDoesNotFit() {
    assertThatThrownBy(() -> Avcc.parse(Arrays.copyOf(AVCC, 10)))
        .hasMessage("avcC SPS 0 of 4 bytes at 8 does not fit in 10");
    assertThatThrownBy(() -> Avcc.parse(Arrays.copyOf(AVCC, 12)))
        .hasMessage("avcC ends at 12 before numOfPictureParameterSets");
    assertThatThrownBy(() -> Avcc.parse(hex("02 42c01e ff e1 00")))
        .hasMessage("avcC configurationVersion 2 is not 1");
    assertThatThrownBy(() -> Avcc.parse(hex("01 42c01e fe e1 0004 6742c01e 00")))
        .hasMessage("avcC lengthSizeMinusOne 2 is not allowed");
    assertThatThrownBy(() -> Avcc.parse(hex("01 42c01e ff e0 00 0000")))
        .hasMessage("avcC has 0 SPS and 0 PPS; need at least one of each");
  }

  @Test
  void rewritesLengthPrefixesAsStartCodes() {
    byte[] src = hex("00000003 65aabb 00000002 4101");
    byte[] dst = new byte[Avcc.maxAnnexBSize(src.length, 4)];
    int n = Avcc.toAnnexB(src, src.length, 4, dst);
    assertThat(Arrays.copyOf(dst, n)).isEqualTo(hex("00000001 65aabb 00000001 4101"));
  }

  @Test
  void growsTwoByteLengthPrefixesIntoFourByteStartCodes() {
    byte[] src = hex("0001 65 0001 41 0001 41");
    byte[] dst = new byte[Avcc.maxAnnexBSize(src.length, 2)];
    int n = Avcc.toAnnexB(src, src.length, 2, dst);
    assertThat(Arrays.copyOf(dst, n)).isEqualTo(hex("00000001 65 00000001 41 00000001 41"));
  }

  @Test
  void refusesAPrefixThatRunsPastThePacketOrIsZero() {
    byte[] dst = new byte[64];
    assertThat(Avcc.toAnnexB(hex("ffffffff 65aabb"), 7, 4, dst)).isEqualTo(-1);
    assertThat(Avcc.toAnnexB(hex("00000000 65"), 5, 4, dst)).isEqualTo(-1);
    assertThat(Avcc.toAnnexB(hex("00000001 65 0000"), 7, 4, dst)).isEqualTo(-1);
  }
}
