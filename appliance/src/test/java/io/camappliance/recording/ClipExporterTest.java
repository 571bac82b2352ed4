package io.camappliance.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.camappliance.media.StreamHeader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipExporterTest {
  private static final long T0 = System.currentTimeMillis() / 1000 * 1000;
  private static H264TestStream stream;
  @TempDir static Path shared;
  @TempDir Path dir;

  @BeforeAll
  static void encode() throws Exception {
    if (H264TestStream.ffmpegAvailable()) {
      stream = H264TestStream.encode(shared, 4);
    }
  }

  /** Records the stream, switching to {@code second} header from frame {@code switchAt}. */
  private RecordingIndex record(StreamHeader first, StreamHeader second, int switchAt) {
    return record(first, second, switchAt, 0, stream.accessUnits.size());
  }

  private RecordingIndex record(
      StreamHeader first, StreamHeader second, int switchAt, int from, int to) {
    TestMkv mkv = new TestMkv();
    try (Recorder rec = Recorder.start(RecordingSettings.defaults(dir.resolve("rec")))) {
      long fragmentTc = T0;
      for (int i = from; i < to; i++) {
        long tc = T0 + i * 1000L / 30;
        boolean key = stream.idr.get(i);
        if (key) {
          fragmentTc = tc;
        }
        StreamHeader h = i < switchAt ? first : second;
        mkv.send(rec, h, key, fragmentTc, tc, 33, i, key, stream.accessUnits.get(i));
      }
      rec.onEnd();
      rec.awaitDrained(Duration.ofSeconds(10));
      return rec.index();
    }
  }

  @Test
  void exportsARangeStartingAtTheKeyFrameOfTheFragmentContainingTheStart() throws Exception {
    assumeTrue(stream != null, "needs the ffmpeg and ffprobe command-line tools");
    assertThat(stream.accessUnits).hasSize(120);
    StreamHeader h = TestMkv.header(1, 320, 240, stream.avcC(), stream.sps, stream.pps);
    RecordingIndex index = record(h, h, Integer.MAX_VALUE);
    Path mp4 = dir.resolve("clip.mp4");

    ExportedClip clip = new ClipExporter(index).export(T0 + 1500, T0 + 3500, mp4);

    assertThat(clip.frames()).isEqualTo(75); // frames 30..104
    assertThat(clip.keyFrames()).isEqualTo(3);
    assertThat(clip.startMillis()).isEqualTo(T0 + 1000);
    assertThat(clip.stoppedAtFormatChange()).isFalse();
    Map<String, String> probe =
        probe(mp4, "stream=codec_name,width,height,nb_read_frames,nb_frames");
    assertThat(probe)
        .containsEntry("codec_name", "h264")
        .containsEntry("width", "320")
        .containsEntry("height", "240")
        .containsEntry("nb_frames", "75")
        .containsEntry("nb_read_frames", "75");
    assertThat(H264TestStream.run("ffmpeg", "-v", "error", "-i", mp4.toString(), "-f", "null", "-"))
        .isEmpty();
    assertThat(dir.resolve("clip.mp4.part")).doesNotExist();
  }

  @Test
  void stopsTheClipWhereTheVideoFormatChanges() throws Exception {
    assumeTrue(stream != null, "needs the ffmpeg and ffprobe command-line tools");
    StreamHeader h1 = TestMkv.header(1, 320, 240, stream.avcC(), stream.sps, stream.pps);
    StreamHeader h2 = TestMkv.header(2, 640, 480, stream.avcC(), stream.sps, stream.pps);
    RecordingIndex index = record(h1, h2, 60);
    Path mp4 = dir.resolve("clip.mp4");

    ExportedClip clip = new ClipExporter(index).export(T0, T0 + 10_000, mp4);

    assertThat(clip.stoppedAtFormatChange()).isTrue();
    assertThat(clip.frames()).isEqualTo(60);
    assertThat(H264TestStream.run("ffmpeg", "-v", "error", "-i", mp4.toString(), "-f", "null", "-"))
        .isEmpty();
  }

  @Test
  void joinsFragmentsFromSegmentsWithTheSameFormat() throws Exception {
    assumeTrue(stream != null, "needs the ffmpeg and ffprobe command-line tools");
    StreamHeader h = TestMkv.header(1, 320, 240, stream.avcC(), stream.sps, stream.pps);
    record(h, h, Integer.MAX_VALUE, 0, 60); // two recorder runs: two segment files
    RecordingIndex index = record(h, h, Integer.MAX_VALUE, 60, 120);
    assertThat(index.segmentCount()).isEqualTo(2);
    Path mp4 = dir.resolve("clip.mp4");

    ExportedClip clip = new ClipExporter(index).export(T0, T0 + 10_000, mp4);

    assertThat(clip.frames()).isEqualTo(120);
    assertThat(clip.stoppedAtFormatChange()).isFalse();
    assertThat(probe(mp4, "stream=nb_read_frames")).containsEntry("nb_read_frames", "120");
    assertThat(H264TestStream.run("ffmpeg", "-v", "error", "-i", mp4.toString(), "-f", "null", "-"))
        .isEmpty();
  }

  @Test
  void refusesARangeWithNothingRecorded() {
    RecordingIndex empty = new RecordingIndex(dir);
    assertThatThrownBy(() -> new ClipExporter(empty).export(T0, T0 + 1000, dir.resolve("x.mp4")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("nothing recorded in [" + T0);
    assertThat(dir.resolve("x.mp4")).doesNotExist();
  }

  private static Map<String, String> probe(Path mp4, String entries) throws Exception {
    String out =
        H264TestStream.run(
            "ffprobe",
            "-v",
            "error",
            "-count_frames",
            "-select_streams",
            "v:0",
            "-show_entries",
            entries,
            "-of",
            "default=noprint_wrappers=1",
            mp4.toString());
    Map<String, String> m = new HashMap<>();
    for (String line : out.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        m.put(line.substring(0, eq), line.substring(eq + 1).trim());
      }
    }
    return m;
  }
}
