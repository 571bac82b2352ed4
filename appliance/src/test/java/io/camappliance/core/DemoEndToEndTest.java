package io.camappliance.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.h264.FrameStamp;
import io.camappliance.mkv.EbmlElement;
import io.camappliance.mkv.EbmlReader;
import io.camappliance.mkv.KvsParserCheck;
import io.camappliance.mkv.MkvIds;
import io.camappliance.recording.RecordedFragment;
import io.camappliance.recording.RecordingIndex;
import io.camappliance.recording.RecordingReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two minutes of 1280x720 at 30 fps from {@code appliance demo}, checked by parsers we did not
 * write: the official KVS parser library, mkvmerge, mkvinfo, ffprobe and ffmpeg.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(600)
class DemoEndToEndTest {
  private static final int SECONDS = 120;
  private static final int FPS = 30;
  private static final int FRAMES = SECONDS * FPS;

  private Path dir;
  private List<Path> segments;

  @BeforeAll
  void runTheDemo(@TempDir Path tempDir) throws Exception {
    dir = tempDir;
    int exit =
        Main.execute(
            "demo",
            "--duration",
            String.valueOf(SECONDS),
            "--fast",
            "--width",
            "1280",
            "--height",
            "720",
            "--fps",
            String.valueOf(FPS),
            "--segment-seconds",
            "30",
            "--dir",
            dir.toString());
    assertThat(exit).isZero();
    try (var files = Files.list(dir)) {
      segments = files.filter(p -> p.toString().endsWith(".mkv")).sorted().toList();
    }
  }

  @Test
  void rotatesSegmentsByDuration() {
    assertThat(segments).hasSizeBetween(4, 5);
  }

  @Test
  void theKvsParserLibraryReadsEveryFragmentWithCompleteTrackMetadata() throws Exception {
    int frames = 0;
    int clusters = 0;
    for (Path segment : segments) {
      try (InputStream in = Files.newInputStream(segment)) {
        KvsParserCheck.Result r = KvsParserCheck.read(in);
        assertThat(r.problems()).as(segment.toString()).isEmpty();
        assertThat(r.keyframes()).isEqualTo(r.clusters());
        frames += r.frames();
        clusters += r.clusters();
      }
    }
    assertThat(frames).isEqualTo(FRAMES);
    assertThat(clusters).isEqualTo(FRAMES / (2 * FPS));
  }

  @Test
  void mkvtoolnixReadsEverySegmentWithoutError() throws Exception {
    ExternalTool.assumeInstalled("mkvmerge");
    ExternalTool.assumeInstalled("mkvinfo");
    for (Path segment : segments) {
      ExternalTool json = ExternalTool.run("mkvmerge", "-J", segment.toString());
      assertThat(json.exitCode()).as(json.stdout()).isZero();
      assertThat(json.stdout())
          .contains("\"recognized\": true", "\"supported\": true", "\"errors\": []")
          .contains("\"pixel_dimensions\": \"1280x720\"");
      ExternalTool info = ExternalTool.run("mkvinfo", segment.toString());
      assertThat(info.exitCode()).as(info.stdout() + info.stderr()).isZero();
      assertThat(info.stdout()).contains("Codec ID: V_MPEG4/ISO/AVC").doesNotContain("Error");
    }
  }

  @Test
  void ffprobeCountsExactlyTheFramesProducedAtTheSourceResolution() throws Exception {
    ExternalTool.assumeInstalled("ffprobe");
    int frames = 0;
    for (Path segment : segments) {
      ExternalTool probe =
          ExternalTool.run(
              "ffprobe",
              "-v",
              "error",
              "-count_frames",
              "-select_streams",
              "v:0",
              "-show_entries",
              "stream=width,height,nb_read_frames",
              "-of",
              "csv=p=0",
              segment.toString());
      assertThat(probe.stderr()).isEmpty();
      String[] fields = probe.stdout().trim().split(",");
      assertThat(fields[0]).isEqualTo("1280");
      assertThat(fields[1]).isEqualTo("720");
      frames += Integer.parseInt(fields[2]);
    }
    assertThat(frames).isEqualTo(FRAMES);
  }

  @Test
  void ffmpegDecodesEverySegmentWithoutAWord() throws Exception {
    ExternalTool.assumeInstalled("ffmpeg");
    for (Path segment : segments) {
      ExternalTool decode =
          ExternalTool.run("ffmpeg", "-v", "error", "-i", segment.toString(), "-f", "null", "-");
      assertThat(decode.exitCode()).isZero();
      assertThat(decode.stdout() + decode.stderr()).isEmpty();
    }
  }

  @Test
  void frameSequenceNumbersHaveNoGapAcrossSegmentRotation() throws Exception {
    RecordingIndex index = RecordingIndex.load(dir);
    RecordingReader reader = new RecordingReader(index);
    List<Long> sequences = new ArrayList<>();
    for (RecordedFragment fragment : reader.fragments(Long.MIN_VALUE, Long.MAX_VALUE)) {
      byte[] bytes = reader.read(fragment);
      EbmlReader ebml = EbmlReader.of(bytes);
      ebml.scan(
          0,
          (e, depth) -> {
            if (e.id() == MkvIds.SIMPLE_BLOCK) {
              sequences.add(stampOf(ebml, e));
            }
          });
    }
    assertThat(sequences).hasSize(FRAMES);
    for (int i = 0; i < sequences.size(); i++) {
      assertThat(sequences.get(i)).as("frame %d", i).isEqualTo(i);
    }
  }

  /** Reads our SEI stamp from a SimpleBlock's AVCC payload. */
  private static long stampOf(EbmlReader ebml, EbmlElement block) throws java.io.IOException {
    byte[] data = ebml.readBytes(block);
    int i = 4; // track vint (1 byte), int16 timecode, flags
    while (i + 4 <= data.length) {
      int len =
          ((data[i] & 0xFF) << 24)
              | ((data[i + 1] & 0xFF) << 16)
              | ((data[i + 2] & 0xFF) << 8)
              | (data[i + 3] & 0xFF);
      var stamp = FrameStamp.fromNalUnit(data, i + 4, len);
      if (stamp.isPresent()) {
        return stamp.get().sequence();
      }
      i += 4 + len;
    }
    throw new AssertionError("a frame without our SEI stamp");
  }
}
