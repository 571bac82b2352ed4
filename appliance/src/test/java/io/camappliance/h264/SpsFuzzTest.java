package io.camappliance.h264;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * SPS bytes come from cameras and files; a parse either succeeds with values inside the limits or
 * fails with {@link H264Exception} and a message, never anything else. The corpus in {@code
 * SpsFuzzTestInputs} holds libx264 parameter sets of every profile we test.
 */
class SpsFuzzTest {
  private static final byte[] PPS = {0x68, (byte) 0xce, 0x0f, (byte) 0xc8};

  @FuzzTest
  void parsesAnyBytesWithinItsLimitsOrSaysWhy(byte[] input) throws H264Exception {
    Sps sps;
    try {
      sps = Sps.parse(input, 0, input.length);
    } catch (H264Exception e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    assertThat(sps.width()).isBetween(1, Sps.MAX_SIDE);
    assertThat(sps.height()).isBetween(1, Sps.MAX_SIDE);
    assertThat(sps.id()).isBetween(0, 31);
    assertThat(sps.chromaFormatIdc()).isBetween(0, 3);
    assertThat(sps.frameRate()).isNotNegative().isFinite();
    assertThat(sps.codecString()).matches("avc1\\.[0-9a-f]{6}");

    AvcConfigurationRecord record = AvcConfigurationRecord.of(input, PPS);
    byte[] bytes = record.toBytes();
    assertThat(bytes).hasSize(record.size());
    AvcConfigurationRecord parsed = AvcConfigurationRecord.parse(bytes);
    assertThat(parsed.sps().get(0)).isEqualTo(input);
    assertThat(parsed.toBytes()).isEqualTo(bytes);
  }
}
