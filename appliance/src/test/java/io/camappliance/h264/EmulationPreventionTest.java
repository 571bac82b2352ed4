package io.camappliance.h264;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.testing.Hex;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmulationPreventionTest {

  @ParameterizedTest(name = "{0} <-> {1}")
  @CsvSource({
    "'',                 ''",
    "0000,               0000",
    "000000,             00000300",
    "000001,             00000301",
    "000002,             00000302",
    "000003,             00000303",
    "000004,             000004",
    "00000000,           0000030000",
    "0000000000,         000003000003 00",
    "00000100,           0000030100",
    "1100000144,         110000030144",
    "000000000000,       000003000003 0000",
    "0000ff000002,       0000ff00000302",
    "80000000,           8000000300",
    "00000380,           0000030380",
  })
  void escapesAndUnescapesEveryThreatToAStartCode(String raw, String escaped) {
    byte[] r = Hex.bytes(raw);
    byte[] e = Hex.bytes(escaped);
    assertThat(EmulationPrevention.escapedSize(r, 0, r.length)).isEqualTo(e.length);
    byte[] out = new byte[e.length];
    assertThat(EmulationPrevention.escape(r, 0, r.length, out, 0)).isEqualTo(e.length);
    assertThat(Hex.of(out)).isEqualTo(Hex.of(e));
    assertThat(Hex.of(EmulationPrevention.unescape(e, 0, e.length))).isEqualTo(Hex.of(r));
  }

  @Test
  void escapedPayloadsNeverContainAStartCodeAndComeBackUnchanged() {
    Random random = new Random(3);
    for (int i = 0; i < 2000; i++) {
      byte[] raw = new byte[random.nextInt(100)];
      for (int k = 0; k < raw.length; k++) {
        raw[k] = (byte) (random.nextBoolean() ? 0 : random.nextInt(5));
      }
      byte[] escaped = new byte[EmulationPrevention.escapedSize(raw, 0, raw.length)];
      EmulationPrevention.escape(raw, 0, raw.length, escaped, 0);
      assertThat(AnnexB.findStartCode(escaped, 0, escaped.length)).isEqualTo(-1);
      assertThat(EmulationPrevention.unescape(escaped, 0, escaped.length)).isEqualTo(raw);
    }
  }
}
