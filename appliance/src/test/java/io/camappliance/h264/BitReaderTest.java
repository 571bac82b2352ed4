package io.camappliance.h264;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camappliance.testing.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BitReaderTest {

  @ParameterizedTest(name = "{0} -> ue {1}, se {2}")
  @CsvSource({
    "1,           0,   0",
    "010,         1,   1",
    "011,         2,  -1",
    "00100,       3,   2",
    "00101,       4,  -2",
    "00110,       5,   3",
    "00111,       6,  -3",
    "0001000,     7,   4",
    "000010001,  16,  -8",
  })
  void decodesExpGolombCodes(String bits, int ue, int se) throws H264Exception {
    byte[] b = pack(bits);
    assertThat(new BitReader(b, 0, b.length).ue("x")).isEqualTo(ue);
    assertThat(new BitReader(b, 0, b.length).se("x")).isEqualTo(se);
  }

  @Test
  void readsFixedLengthFieldsAcrossByteBoundaries() throws H264Exception {
    byte[] b = Hex.bytes("a5 ff 00 80 12 34 56 78");
    BitReader r = new BitReader(b, 0, b.length);
    assertThat(r.bits(3, "a")).isEqualTo(0b101);
    assertThat(r.bits(9, "b")).isEqualTo(0b0_0101_1111);
    assertThat(r.flag("c")).isTrue();
    assertThat(r.bits(11, "d")).isEqualTo(0b111_0000_0000);
    assertThat(r.position()).isEqualTo(24);
    assertThat(r.u(32, "e")).isEqualTo(0x80123456L);
    assertThat(r.bitsLeft()).isEqualTo(8);
  }

  @Test
  void readsOnlyInsideItsSlice() throws H264Exception {
    byte[] b = Hex.bytes("ff 80 ff");
    BitReader r = new BitReader(b, 1, 1);
    assertThat(r.bits(8, "only")).isEqualTo(0x80);
    assertThatThrownBy(() -> r.flag("beyond")).isInstanceOf(H264Exception.class);
  }

  @Test
  void namesTheFieldThatRanPastTheEnd() {
    byte[] b = Hex.bytes("00");
    BitReader r = new BitReader(b, 0, b.length);
    assertThatThrownBy(() -> r.ue("pic_width_in_mbs_minus1"))
        .isInstanceOf(H264Exception.class)
        .hasMessage(
            "truncated reading pic_width_in_mbs_minus1: needs 1 bits at bit 8, only 0 left");
  }

  @Test
  void rejectsExpGolombCodesLongerThan32Bits() {
    byte[] b = Hex.bytes("00000000 ff");
    assertThatThrownBy(() -> new BitReader(b, 0, b.length).ue("level_prefix"))
        .isInstanceOf(H264Exception.class)
        .hasMessage("level_prefix: Exp-Golomb code has more than 31 leading zero bits");
  }

  @Test
  void rejectsValuesAboveTheFieldsMaximum() {
    byte[] b = pack("00000100001"); // ue = 32
    assertThatThrownBy(() -> new BitReader(b, 0, b.length).ue("seq_parameter_set_id", 31))
        .isInstanceOf(H264Exception.class)
        .hasMessage("seq_parameter_set_id 32 is above its maximum 31");
  }

  @Test
  void readsTheLargestExpGolombValueThatFitsAnInt() throws H264Exception {
    // 30 leading zeros, a one, 30 info bits: 2^30 - 1 + (2^30 - 1) = 2^31 - 2.
    byte[] b = new RbspWriter().ue(Integer.MAX_VALUE - 1).rbsp();
    assertThat(new BitReader(b, 0, b.length).ue("x")).isEqualTo(Integer.MAX_VALUE - 1);
  }

  private static byte[] pack(String bits) {
    RbspWriter w = new RbspWriter();
    for (char c : bits.toCharArray()) {
      w.u(1, c - '0');
    }
    return w.rbsp();
  }
}
