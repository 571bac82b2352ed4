package io.camappliance.h264;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.testing.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessUnitsTest {

  private static final byte[] IDR_AU =
      Hex.bytes(
          "00000001 09f0 00000001 6742c01eda0280bfe5c044000003000400000300c83c58ba80"
              + " 00000001 68ce0fc8 000001 0605aa80 000001 65888400 000001 6588c100");

  @Test
  void findsTheParameterSetsOfAnIdrAccessUnitAsCopies() {
    assertThat(Hex.of(AccessUnits.sps(IDR_AU, 0, IDR_AU.length)))
        .isEqualTo("6742c01eda0280bfe5c044000003000400000300c83c58ba80");
    assertThat(Hex.of(AccessUnits.pps(IDR_AU, 0, IDR_AU.length))).isEqualTo("68ce0fc8");
    assertThat(AccessUnits.indexOf(IDR_AU, 0, IDR_AU.length, NalUnitType.PPS)).isEqualTo(39);
  }

  @Test
  void returnsNullWhenAParameterSetIsMissing() {
    byte[] p = Hex.bytes("00000001 419a");
    assertThat(AccessUnits.sps(p, 0, p.length)).isNull();
    assertThat(AccessUnits.pps(p, 0, p.length)).isNull();
    assertThat(AccessUnits.indexOf(p, 0, p.length, NalUnitType.SEI)).isEqualTo(-1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "IDR after parameter sets,  00000001 6742 00000001 68ce 00000001 6588,  true,   5",
    "P slices after an AUD,     00000001 09f0 000001 419a 000001 419b,      false,  1",
    "SEI only,                  00000001 0605,                              false, -1",
    "IDR as a second slice,     00000001 0605 000001 0188 000001 6588,      true,   1",
    "type 5 with nal_ref_idc 1, 000001 2588,                                true,   5",
    "no start code,             6588,                                       false, -1",
  })
  void tellsKeyFramesAndTheFirstSliceType(String name, String hex, boolean idr, int vcl) {
    byte[] au = Hex.bytes(hex);
    assertThat(AccessUnits.isIdr(au, 0, au.length)).isEqualTo(idr);
    assertThat(AccessUnits.firstVclType(au, 0, au.length)).isEqualTo(vcl);
  }

  @Test
  void looksOnlyInsideTheGivenSlice() {
    assertThat(AccessUnits.isIdr(IDR_AU, 0, 40)).isFalse();
    assertThat(AccessUnits.contains(IDR_AU, 0, 40, NalUnitType.SPS)).isTrue();
  }
}
