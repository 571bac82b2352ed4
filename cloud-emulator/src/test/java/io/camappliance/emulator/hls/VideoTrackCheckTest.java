package io.camappliance.emulator.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camappliance.emulator.archive.ArchiveException;
import io.camappliance.emulator.archive.ChunkBytes;
import io.camappliance.emulator.archive.StoredChunk;
import org.junit.jupiter.api.Test;

/** The codec checks HLS makes on a fragment's track 1 (kvs-data-model §10.2). */
class VideoTrackCheckTest {

  private static String refusal(byte[] cpd) {
    try {
      HlsFragments.videoTrack(StoredChunk.parse(ChunkBytes.chunk(cpd)));
      return "accepted";
    } catch (ArchiveException e) {
      return e.errorType();
    }
  }

  @Test
  void aTrackWithoutCodecPrivateDataIsMissingCodecPrivateData() {
    assertThat(refusal(null)).isEqualTo("MissingCodecPrivateDataException");
  }

  @Test
  void annexBCodecPrivateDataIsInvalidCodecPrivateData() {
    assertThat(refusal(ChunkBytes.u(0, 0, 0, 1, 0x67, 0x64, 0, 0x0D, 0, 0, 0, 1, 0x68, 0xEE)))
        .isEqualTo("InvalidCodecPrivateDataException");
  }

  @Test
  void anAvcConfigurationRecordIsAccepted() {
    VideoTrack t = HlsFragments.videoTrack(StoredChunk.parse(ChunkBytes.chunk(ChunkBytes.avcC())));
    assertThat(t.width()).isEqualTo(320);
    assertThat(t.height()).isEqualTo(240);
  }

  @Test
  void aNonH264TrackIsAnUnsupportedMediaType() {
    byte[] hevc = ChunkBytes.chunk(ChunkBytes.avcC());
    String s = new String(hevc, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = s.indexOf("V_MPEG4/ISO/AVC");
    byte[] other = "V_MPEGH/ISO/HEV".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(other, 0, hevc, at, other.length);
    assertThatThrownBy(() -> HlsFragments.videoTrack(StoredChunk.parse(hevc)))
        .isInstanceOf(ArchiveException.class)
        .hasMessageContaining("V_MPEGH/ISO/HEV");
  }
}
