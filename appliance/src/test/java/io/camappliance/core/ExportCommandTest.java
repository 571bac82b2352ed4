package io.camappliance.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.recording.RecordedFragment;
import io.camappliance.recording.RecordingIndex;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {

  @Test
  void exportsARecordedRangeToAnMp4ThatFfprobeCounts(@TempDir Path dir) throws Exception {
    Path rec = dir.resolve("rec");
    assertThat(
            Main.execute(
                "demo",
                "--width",
                "320",
                "--height",
                "240",
                "--gop-seconds",
                "1",
                "--duration",
                "6",
                "--fast",
                "--dir",
                rec.toString()))
        .isZero();
    List<RecordedFragment> fragments =
        RecordingIndex.load(rec).fragments(Long.MIN_VALUE, Long.MAX_VALUE);
    assertThat(fragments).hasSize(6);
    long from = fragments.get(2).timecodeMillis() + 500; // inside the third fragment
    long to = fragments.get(4).timecodeMillis() - 1; // just before the fifth
    Path mp4 = dir.resolve("clip.mp4");

    assertThat(
            Main.execute(
                "export",
                "--dir",
                rec.toString(),
                "--from",
                java.time.Instant.ofEpochMilli(from).toString(),
                "--to",
                String.valueOf(to),
                "--out",
                mp4.toString()))
        .isZero();

    ExternalTool.assumeInstalled("ffprobe");
    ExternalTool probe =
        ExternalTool.run(
            "ffprobe",
            "-v",
            "error",
            "-count_frames",
            "-show_entries",
            "stream=width,height,nb_read_frames",
            "-of",
            "csv=p=0",
            mp4.toString());
    assertThat(probe.stderr()).isEmpty();
    // From the IDR that starts the third fragment to the end of the fourth: 2 × 30 frames.
    assertThat(probe.stdout().trim()).isEqualTo("320,240,60");
  }

  @Test
  void aBadTimeIsNamed() {
    assertThat(ExportCommandTest.exitOf("--from", "yesterday")).isEqualTo(2);
  }

  private static int exitOf(String option, String value) {
    return Main.execute(
        "export", "--dir", "/nonexistent", option, value, "--to", "2", "--out", "/tmp/x.mp4");
  }
}
