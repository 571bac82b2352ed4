package io.camappliance.h264;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camappliance.testing.Hex;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AnnexBTest {

  static Stream<Arguments> splittingTable() {
    return Stream.of(
        Arguments.of(
            "four-byte start codes",
            "00000001 6742 00000001 68ce 00000001 6588",
            List.of("6742", "68ce", "6588")),
        Arguments.of("three-byte start codes", "000001 0911 000001 4101", List.of("0911", "4101")),
        Arguments.of(
            "mixed start codes",
            "00000001 09f0 000001 6742 00000001 68ce 000001 6588",
            List.of("09f0", "6742", "68ce", "6588")),
        Arguments.of("leading zeros", "0000000000 000001 6588", List.of("6588")),
        Arguments.of(
            "leading junk before the first start code", "ffee12 00000001 6588", List.of("6588")),
        Arguments.of(
            "trailing zeros after the last NAL unit", "00000001 6588 000000", List.of("6588")),
        Arguments.of(
            "trailing zeros between NAL units",
            "00000001 6742 0000 00000001 6588",
            List.of("6742", "6588")),
        Arguments.of(
            "escaped bytes stay in the NAL unit",
            "00000001 06 000003 01 80 00000001 6588 000003",
            List.of("0600000301 80".replace(" ", ""), "6588000003")),
        Arguments.of(
            "AUD, SEI, filler and several slices",
            "00000001 09f0 00000001 0605 00000001 0cffffff80 000001 418a 000001 41 9b 000001 419c",
            List.of("09f0", "0605", "0cffffff80", "418a", "419b", "419c")),
        Arguments.of(
            "SPS and PPS repeated in-band",
            "00000001 6742 00000001 68ce 00000001 6588 00000001 6742 00000001 68ce 00000001 6589",
            List.of("6742", "68ce", "6588", "6742", "68ce", "6589")),
        Arguments.of("empty NAL units are skipped", "000001 000001 6588 000001", List.of("6588")),
        Arguments.of("no start code at all", "6588 1234", List.of()),
        Arguments.of("nothing", "", List.of()),
        Arguments.of("a start code cut short at the end", "00000001 6588 0000", List.of("6588")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("splittingTable")
  void splitsAccessUnitsIntoNalUnits(String name, String input, List<String> expected) {
    byte[] au = Hex.bytes(input);
    List<String> nals = new ArrayList<>();
    int count = AnnexB.forEachNalUnit(au, 0, au.length, (b, o, l) -> nals.add(Hex.of(b, o, l)));
    assertThat(nals).containsExactlyElementsOf(expected);
    assertThat(count).isEqualTo(expected.size());
    assertThat(AnnexB.count(au, 0, au.length)).isEqualTo(expected.size());
  }

  @Test
  void splitsOnlyInsideTheGivenSlice() {
    byte[] buf = Hex.bytes("ff 000001 6588 000001 4101 ff");
    List<String> nals = new ArrayList<>();
    AnnexB.forEachNalUnit(buf, 1, 6, (b, o, l) -> nals.add(Hex.of(b, o, l)));
    assertThat(nals).containsExactly("6588");
  }

  @Test
  void writesEachNalUnitWithABigEndianLength() {
    byte[] au =
        Hex.bytes("00000001 09f0 00000001 6742c01e 000001 68ce3c80 000001 6588 000003 01 00");
    ByteBuffer dst = ByteBuffer.allocate(64);
    int n = AnnexB.toAvcc(au, 0, au.length, dst);
    assertThat(Hex.of(dst.array(), 0, n))
        .isEqualTo(
            "00000002"
                + "09f0"
                + "00000004"
                + "6742c01e"
                + "00000004"
                + "68ce3c80"
                + "00000006"
                + "658800000301");
    assertThat(n).isEqualTo(AnnexB.avccSize(au, 0, au.length)).isEqualTo(dst.position());
  }

  @Test
  void dropsAudAndFillerButKeepsSeiAndParameterSets() {
    byte[] au =
        Hex.bytes(
            "00000001 09f0 00000001 6742 00000001 68ce 00000001 0605 00000001 0cff80 000001 6588");
    ByteBuffer dst = ByteBuffer.allocate(64);
    int n = AnnexB.toAvcc(au, 0, au.length, dst, NalUnitType.DROP_AUD_AND_FILLER);
    assertThat(Hex.of(dst.array(), 0, n))
        .isEqualTo("00000002 6742 00000002 68ce 00000002 0605 00000002 6588".replace(" ", ""));
    assertThat(AnnexB.avccSize(au, 0, au.length, NalUnitType.DROP_AUD_AND_FILLER)).isEqualTo(n);
  }

  @Test
  void appendsAtTheBufferPosition() {
    byte[] au = Hex.bytes("000001 6588");
    ByteBuffer dst = ByteBuffer.allocate(16);
    dst.put((byte) 0x7f);
    assertThat(AnnexB.toAvcc(au, 0, au.length, dst)).isEqualTo(6);
    assertThat(Hex.of(dst.array(), 0, dst.position())).isEqualTo("7f000000026588");
  }

  @Test
  void leavesTheBufferPositionAloneWhenItOverflows() {
    byte[] au = Hex.bytes("000001 6742 000001 6588aabbcc");
    ByteBuffer dst = ByteBuffer.allocate(10);
    dst.position(1);
    assertThatThrownBy(() -> AnnexB.toAvcc(au, 0, au.length, dst))
        .isInstanceOf(BufferOverflowException.class);
    assertThat(dst.position()).isEqualTo(1);
  }

  @Test
  void roundTripsThroughAvccByteForByte() throws H264Exception {
    byte[] au =
        Hex.bytes(
            "00000001 09f0 00000001 6764001f 00000001 68ee3cb0 00000001 0605 000003 0280"
                + " 00000001 6588840000030001 00000001 41 9a 00000001 01 02 03");
    ByteBuffer avcc = ByteBuffer.allocate(AnnexB.avccSize(au, 0, au.length));
    AnnexB.toAvcc(au, 0, au.length, avcc);
    byte[] back = Avcc.toAnnexB(avcc.array(), 0, avcc.limit(), 4);
    assertThat(Hex.of(back)).isEqualTo(Hex.of(au));
  }

  @Test
  void roundTripsRandomEscapedNalUnits() throws H264Exception {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      ByteBuffer au = ByteBuffer.allocate(64 * 1024);
      int nals = 1 + random.nextInt(8);
      for (int i = 0; i < nals; i++) {
        byte[] raw = new byte[2 + random.nextInt(300)];
        random.nextBytes(raw);
        for (int k = 0; k < raw.length; k++) {
          if (random.nextInt(4) == 0) {
            raw[k] = 0; // plenty of zero runs to escape
          }
        }
        raw[0] = 0x41; // header: a non-IDR slice
        raw[raw.length - 1] = (byte) 0x80; // rbsp_stop_one_bit: never a zero last byte
        byte[] escaped = new byte[raw.length * 2];
        escaped[0] = raw[0];
        int n = 1 + EmulationPrevention.escape(raw, 1, raw.length - 1, escaped, 1);
        au.put(new byte[] {0, 0, 0, 1}).put(escaped, 0, n);
      }
      byte[] annexB = java.util.Arrays.copyOf(au.array(), au.position());
      assertThat(AnnexB.problem(annexB, 0, annexB.length)).isNull();
      ByteBuffer avcc = ByteBuffer.allocate(AnnexB.avccSize(annexB, 0, annexB.length));
      AnnexB.toAvcc(annexB, 0, annexB.length, avcc);
      assertThat(Avcc.forEachNalUnit(avcc.array(), 0, avcc.limit(), 4, (b, o, l) -> {}))
          .isEqualTo(nals);
      assertThat(Avcc.toAnnexB(avcc.array(), 0, avcc.limit(), 4)).isEqualTo(annexB);
    }
  }
}
