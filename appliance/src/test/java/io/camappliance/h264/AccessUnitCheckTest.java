package io.camappliance.h264;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.testing.Hex;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link AnnexB#problem}: the validator for untrusted access units. */
class AccessUnitCheckTest {

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("", "access unit is empty"),
        Arguments.of("6588aabb", "no start code (00 00 01) in 4 bytes"),
        Arguments.of("ff 000001 6588", "1 bytes before the first start code, not all zero"),
        Arguments.of(
            "00000001 e588", "NAL unit #0 at offset 4: header 0xe5 has forbidden_zero_bit set"),
        Arguments.of(
            "00000001 0988 000001 0011",
            "NAL unit #1 at offset 9: type 0 (header 0x00) is unspecified in H.264"),
        Arguments.of(
            "00000001 7c85",
            "NAL unit #0 at offset 4: type 28 (header 0x7c) is unspecified in H.264"),
        Arguments.of("00000001 000001 6588", "NAL unit #0 at offset 4 is empty"),
        Arguments.of("00000001 6588 000001", "NAL unit #1 at offset 9 is empty"),
        Arguments.of(
            "00000001 6588 00000000 07 4101", "forbidden byte sequence 00 00 00 07 at offset 7"),
        Arguments.of("00000001 6588 0000 02 44", "forbidden byte sequence 00 00 02 at offset 6"),
        Arguments.of("00000001 6588 000000 05", "forbidden byte sequence 00 00 00 05 at offset 6"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("malformed")
  void namesWhatIsWrongWithAMalformedAccessUnit(String hex, String message) {
    byte[] au = Hex.bytes(hex);
    assertThat(AnnexB.problem(au, 0, au.length)).isEqualTo(message);
  }

  static Stream<String> wellFormed() {
    return Stream.of(
        "00000001 09f0 00000001 6742c01e 00000001 68ce3c80 00000001 6588",
        "000001 4101 000001 419a",
        "00 000001 6588",
        "00000001 6588 0000000000",
        "00000001 0605 000003 01 80 000001 6588 000003",
        "00000001 0cffffff80 00000001 41e2",
        "00000001 6588 00000000 01 4101",
        "0000000000000001 6588");
  }

  @ParameterizedTest
  @MethodSource("wellFormed")
  void acceptsWellFormedAccessUnits(String hex) {
    byte[] au = Hex.bytes(hex);
    assertThat(AnnexB.problem(au, 0, au.length)).isNull();
  }

  @Test
  void reportsOffsetsRelativeToTheSlice() {
    byte[] buf = Hex.bytes("aaaa 00000001 e588");
    assertThat(AnnexB.problem(buf, 2, 6))
        .isEqualTo("NAL unit #0 at offset 4: header 0xe5 has forbidden_zero_bit set");
  }

  @Test
  void reportsABadSliceInsteadOfThrowing() {
    byte[] buf = new byte[4];
    assertThat(AnnexB.problem(buf, 3, 2))
        .isEqualTo("access unit [3, +2) is outside its buffer of 4");
    assertThat(AnnexB.problem(buf, -1, 2))
        .isEqualTo("access unit [-1, +2) is outside its buffer of 4");
    assertThat(AnnexB.problem(null, 0, 0)).isEqualTo("access unit buffer is null");
  }

  @Test
  void neverThrowsOnRandomGarbage() {
    Random random = new Random(42);
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] b = new byte[random.nextInt(64)];
      random.nextBytes(b);
      for (int k = 0; k < b.length; k++) {
        if (random.nextInt(3) == 0) {
          b[k] = (byte) random.nextInt(3); // start codes and zero runs are the interesting part
        }
      }
      String problem = AnnexB.problem(b, 0, b.length);
      if (problem == null) {
        accepted++;
        assertThat(AnnexB.count(b, 0, b.length)).isPositive();
      }
    }
    assertThat(accepted).isPositive();
  }
}
