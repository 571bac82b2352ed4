package io.camappliance.h264;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NalUnitTypeTest {

  @ParameterizedTest(name = "header 0x{0} is {2}")
  @CsvSource({
    "67, 7, SPS, 3",
    "68, 8, PPS, 3",
    "65, 5, IDR, 3",
    "41, 1, SLICE, 2",
    "01, 1, SLICE, 0",
    "06, 6, SEI, 0",
    "09, 9, AUD, 0",
    "0a, 10, END_OF_SEQUENCE, 0",
    "0c, 12, FILLER, 0",
    "7c, 28, type 28, 3",
    "11, 17, type 17, 0",
  })
  void readsTheTypeAndReferenceIndicatorFromTheHeaderByte(
      String header, int type, String name, int refIdc) {
    byte b = (byte) Integer.parseInt(header, 16);
    assertThat(NalUnitType.of(b)).isEqualTo(type);
    assertThat(NalUnitType.name(type)).isEqualTo(name);
    assertThat(NalUnitType.refIdc(b)).isEqualTo(refIdc);
  }

  @Test
  void classifiesVclAndUnspecifiedTypes() {
    assertThat(NalUnitType.isVcl(NalUnitType.SLICE)).isTrue();
    assertThat(NalUnitType.isVcl(NalUnitType.IDR)).isTrue();
    assertThat(NalUnitType.isVcl(NalUnitType.SEI)).isFalse();
    assertThat(NalUnitType.isUnspecified(0)).isTrue();
    assertThat(NalUnitType.isUnspecified(24)).isTrue();
    assertThat(NalUnitType.isUnspecified(23)).isFalse();
  }

  @Test
  void buildsDropMasksFromTypes() {
    assertThat(NalUnitType.DROP_AUD_AND_FILLER).isEqualTo((1 << 9) | (1 << 12));
    assertThatThrownBy(() -> NalUnitType.mask(32)).hasMessage("NAL unit type 32 is outside 0..31");
  }
}
