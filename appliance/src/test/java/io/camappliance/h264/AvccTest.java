package io.camappliance.h264;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camappliance.testing.Hex;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AvccTest {

  static Stream<Arguments> samples() {
    return Stream.of(
        Arguments.of(
            4, "00000002 6742 00000003 68ce80 00000001 65", List.of("6742", "68ce80", "65")),
        Arguments.of(2, "0002 6742 0003 68ce80 0001 65", List.of("6742", "68ce80", "65")),
        Arguments.of(1, "02 6742 03 68ce80 01 65", List.of("6742", "68ce80", "65")),
        Arguments.of(4, "", List.of()));
  }

  @ParameterizedTest(name = "{0}-byte lengths: {1}")
  @MethodSource("samples")
  void walksLengthPrefixedNalUnits(int lengthSize, String hex, List<String> expected)
      throws H264Exception {
    byte[] sample = Hex.bytes(hex);
    List<String> nals = new ArrayList<>();
    int n =
        Avcc.forEachNalUnit(
            sample, 0, sample.length, lengthSize, (b, o, l) -> nals.add(Hex.of(b, o, l)));
    assertThat(nals).containsExactlyElementsOf(expected);
    assertThat(n).isEqualTo(expected.size());
    assertThat(Avcc.problem(sample, 0, sample.length, lengthSize)).isNull();
  }

  @ParameterizedTest(name = "{0}-byte lengths")
  @MethodSource("samples")
  void convertsToAnnexBWithFourByteStartCodes(int lengthSize, String hex, List<String> expected)
      throws H264Exception {
    byte[] sample = Hex.bytes(hex);
    String annexB = expected.stream().map(n -> "00000001" + n).reduce("", String::concat);
    assertThat(Hex.of(Avcc.toAnnexB(sample, 0, sample.length, lengthSize))).isEqualTo(annexB);
    assertThat(Avcc.annexBSize(sample, 0, sample.length, lengthSize))
        .isEqualTo(annexB.length() / 2);
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of(
            4,
            "00000002 6742 0000",
            "NAL unit #1 at offset 6: 2 bytes left, too few for a 4-byte length"),
        Arguments.of(
            4, "00000009 6742", "NAL unit #0 at offset 0: length 9 exceeds the 2 bytes left"),
        Arguments.of(
            4,
            "ffffffff 6742",
            "NAL unit #0 at offset 0: length 4294967295 exceeds the 2 bytes left"),
        Arguments.of(4, "00000002 6742 00000000", "NAL unit #1 at offset 6 has length 0"),
        Arguments.of(
            2,
            "0002 6742 00",
            "NAL unit #1 at offset 4: 1 bytes left, too few for a 2-byte length"),
        Arguments.of(1, "05 6742", "NAL unit #0 at offset 0: length 5 exceeds the 2 bytes left"),
        Arguments.of(3, "000002 6742", "NAL length size 3 is not 1, 2 or 4"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("malformed")
  void rejectsMalformedLengthsWithTheOffendingValues(int lengthSize, String hex, String message) {
    byte[] sample = Hex.bytes(hex);
    assertThat(Avcc.problem(sample, 0, sample.length, lengthSize)).isEqualTo(message);
    List<String> visited = new ArrayList<>();
    assertThatThrownBy(
            () ->
                Avcc.forEachNalUnit(
                    sample, 0, sample.length, lengthSize, (b, o, l) -> visited.add("x")))
        .isInstanceOf(H264Exception.class)
        .hasMessage(message);
    assertThat(visited).as("nothing is visited in a malformed sample").isEmpty();
  }

  @Test
  void writesNothingWhenTheSampleIsMalformed() {
    byte[] sample = Hex.bytes("00000002 6742 00000009 65");
    ByteBuffer dst = ByteBuffer.allocate(32);
    assertThatThrownBy(() -> Avcc.toAnnexB(sample, 0, sample.length, 4, dst))
        .isInstanceOf(H264Exception.class);
    assertThat(dst.position()).isZero();
  }
}
