package io.camappliance.h264;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camappliance.testing.Hex;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AvcConfigurationRecordTest {

  /** libx264 parameter sets and the avcC box FFmpeg's MP4 muxer wrote for them. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "baseline 640x360, 6742c01eda0280bfe5c044000003000400000300c83c58ba80, 68ce0fc8,"
        + " 0142c01effe100196742c01eda0280bfe5c044000003000400000300c83c58ba8001000468ce0fc8",
    "high 1920x1080, 67640028acd940780227e5c044000003000400000300f03c60c658, 68eae3cb22c0,"
        + " 01640028ffe1001b67640028acd940780227e5c044000003000400000300f03c60c65801000668eae3cb22c0"
        + "fdf8f800",
    "high 4:2:2 426x240, 677a0015bcb40d8ff2780880000003008000000a078b1750, 68ce0fc8,"
        + " 017a0015ffe10018677a0015bcb40d8ff2780880000003008000000a078b175001000468ce0fc8fef8f800",
  })
  void writesTheSameBytesAsFfmpegsMp4Muxer(String name, String sps, String pps, String avcC)
      throws H264Exception {
    AvcConfigurationRecord record = AvcConfigurationRecord.of(Hex.bytes(sps), Hex.bytes(pps));
    assertThat(Hex.of(record.toBytes())).isEqualTo(avcC);
    assertThat(record.size()).isEqualTo(avcC.length() / 2);

    AvcConfigurationRecord parsed = AvcConfigurationRecord.parse(Hex.bytes(avcC));
    assertThat(parsed.sps()).singleElement().extracting(Hex::of).isEqualTo(sps);
    assertThat(parsed.pps()).singleElement().extracting(Hex::of).isEqualTo(pps);
    assertThat(parsed.profileIdc()).isEqualTo(record.profileIdc());
    assertThat(parsed.levelIdc()).isEqualTo(record.levelIdc());
    assertThat(parsed.lengthSize()).isEqualTo(4);
    assertThat(Hex.of(parsed.toBytes())).isEqualTo(avcC);
  }

  @Test
  void carriesTheHighProfileChromaFormatAndBitDepths() throws H264Exception {
    AvcConfigurationRecord record =
        AvcConfigurationRecord.parse(
            Hex.bytes(
                "017a0015ffe10018677a0015bcb40d8ff2780880000003008000000a078b175001000468ce0fc8"
                    + "fef8f800"));
    assertThat(record.hasHighExtension()).isTrue();
    assertThat(record.chromaFormat()).isEqualTo(2);
    assertThat(record.bitDepthLuma()).isEqualTo(8);
    assertThat(record.bitDepthChroma()).isEqualTo(8);
  }

  @Test
  void acceptsHighProfileRecordsWithoutTheExtensionAsTheKvsProducerWritesThem()
      throws H264Exception {
    String withoutExtension =
        "01640028ffe1001b67640028acd940780227e5c044000003000400000300f03c60c65801000668eae3cb22c0";
    AvcConfigurationRecord record = AvcConfigurationRecord.parse(Hex.bytes(withoutExtension));
    assertThat(record.hasHighExtension()).isFalse();
    assertThat(Hex.of(record.toBytes())).isEqualTo(withoutExtension);
  }

  @Test
  void keepsSeveralParameterSetsInOrder() throws H264Exception {
    byte[] sps0 = Hex.bytes("6742c01eda0280bfe5c044000003000400000300c83c58ba80");
    byte[] sps1 = Hex.bytes("674d401feca02802dd8088000003000800000303c078c18cb0");
    AvcConfigurationRecord record =
        AvcConfigurationRecord.of(
            List.of(sps0, sps1), List.of(Hex.bytes("68ce0fc8"), Hex.bytes("68eae3cb20")));
    byte[] bytes = record.toBytes();
    assertThat(bytes[5] & 0xFF).isEqualTo(0xE2);
    AvcConfigurationRecord parsed = AvcConfigurationRecord.parse(bytes);
    assertThat(parsed.sps()).extracting(Hex::of).containsExactly(Hex.of(sps0), Hex.of(sps1));
    assertThat(parsed.pps()).extracting(Hex::of).containsExactly("68ce0fc8", "68eae3cb20");
  }

  @Test
  void writesAtTheBufferPosition() throws H264Exception {
    AvcConfigurationRecord record =
        AvcConfigurationRecord.of(
            Hex.bytes("6742c01eda0280bfe5c044000003000400000300c83c58ba80"), Hex.bytes("68ce0fc8"));
    ByteBuffer dst = ByteBuffer.allocate(record.size() + 2);
    dst.put((byte) 0x55);
    record.writeTo(dst);
    assertThat(dst.position()).isEqualTo(1 + record.size());
    assertThat(dst.get(1)).isEqualTo((byte) 1);
  }

  @Test
  void handsOutCopiesOfItsParameterSets() throws H264Exception {
    byte[] sps = Hex.bytes("6742c01eda0280bfe5c044000003000400000300c83c58ba80");
    AvcConfigurationRecord record = AvcConfigurationRecord.of(sps, Hex.bytes("68ce0fc8"));
    sps[1] = 0;
    record.sps().get(0)[1] = 0;
    assertThat(record.sps().get(0)[1]).isEqualTo((byte) 0x42);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "                                     | record truncated in configurationVersion: needs 1 bytes at offset 0, 0 left",
        "02 42c01e ffe1                       | configurationVersion 2, expected 1",
        "01 42c01e fe                         | lengthSizeMinusOne 2 (3-byte NAL lengths) is not allowed",
        "01 42c01e ff e0 01 0004 68ce0fc8     | record has no SPS",
        "01 42c01e ff e1 0005 6742c0          | record truncated in SPS #0: needs 5 bytes at offset 8, 3 left",
        "01 42c01e ff e1 0000                 | SPS #0 at offset 6 has length 0",
        "01 42c01e ff e1 0002 6842 01 0002 68ce | SPS #0 at offset 8 has NAL unit type 8, expected 7",
        "01 42c01e ff e1 0002 6742 00         | record has no PPS",
        "01 42c01e ff e1 0002 6742 01 0002 67ce | PPS #0 at offset 13 has NAL unit type 7, expected 8",
        "01 42c01e ff e1 0002 6742 01 00      | record truncated in PPS #0 length: needs 2 bytes at offset 11, 1 left",
        "01 42c01e ff e1 0002 6742            | record truncated in numOfPictureParameterSets: needs 1 bytes at offset 10, 0 left",
        "01 64001e ff e1 0002 6742 01 0002 68ce fdf8f801 0003 6d | record truncated in SPS extension #0: needs 3 bytes at offset 21, 1 left",
      })
  void rejectsMalformedRecordsWithTheOffendingValues(String hex, String message) {
    byte[] bytes = Hex.bytes(hex == null ? "" : hex);
    assertThatThrownBy(() -> AvcConfigurationRecord.parse(bytes))
        .isInstanceOf(H264Exception.class)
        .hasMessage(message);
  }

  @Test
  void refusesToBuildFromWrongParameterSets() {
    byte[] sps = Hex.bytes("6742c01eda0280bfe5c044000003000400000300c83c58ba80");
    assertThatThrownBy(() -> AvcConfigurationRecord.of(sps, Hex.bytes("65ce0fc8")))
        .isInstanceOf(H264Exception.class)
        .hasMessage("PPS has NAL unit type 5, expected 8");
    assertThatThrownBy(
            () -> AvcConfigurationRecord.of(Hex.bytes("68ce0fc8"), Hex.bytes("68ce0fc8")))
        .isInstanceOf(H264Exception.class)
        .hasMessage("SPS has NAL unit type 8, expected 7");
    assertThatThrownBy(() -> AvcConfigurationRecord.of(sps, new byte[70_000]))
        .isInstanceOf(H264Exception.class)
        .hasMessage("PPS of 70000 bytes is longer than 65535");
  }
}
