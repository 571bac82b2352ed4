package io.camappliance.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.recording.RecordedFragment;
import io.camappliance.recording.RecordingIndex;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a running {@code appliance demo}: after restart every file still reads, the
 * recording resumes, and only the frames of the fragment that was not finished are missing.
 */
class DemoCrashTest {
  private static final Pattern FRAGMENT =
      Pattern.compile("fragment (\\d+): .* \\(#(\\d+)\\.\\.#(\\d+)\\)");
  private static final int GOP = 30;

  @Test
  @Timeout(180)
  void aKilledDemoLosesAtMostTheUnfinishedFragmentAndResumesOnRestart(@TempDir Path dir)
      throws Exception {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "demo",
                "--width",
                "320",
                "--height",
                "240",
                "--fps",
                "30",
                "--gop-seconds",
                "1",
                "--dir",
                dir.toString())
            .redirectErrorStream(true)
            .start();
    List<long[]> printed = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (printed.size() < 5 && (line = out.readLine()) != null) {
        Matcher m = FRAGMENT.matcher(line);
        if (m.find()) {
          printed.add(new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
        }
      }
      // Let the next fragment be half written, then pull the plug.
      Thread.sleep(500);
      child.destroyForcibly(); // SIGKILL
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(printed).hasSize(5);

    // Restart: the recorder recovers the directory and records a new segment.
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
                "3",
                "--fast",
                "--dir",
                dir.toString()))
        .isZero();

    List<Long> firstRun = new ArrayList<>();
    List<Long> secondRun = new ArrayList<>();
    RecordingIndex index = RecordingIndex.load(dir);
    List<RecordedFragment> fragments = index.fragments(Long.MIN_VALUE, Long.MAX_VALUE);
    boolean second = false;
    long previousLast = -1;
    for (RecordedFragment f : fragments) {
      if (f.firstSequence() <= previousLast) {
        second = true; // sequence numbers start again with the new process
      }
      (second ? secondRun : firstRun).add(f.firstSequence());
      (second ? secondRun : firstRun).add(f.lastSequence());
      previousLast = f.lastSequence();
    }
    // The first run's fragments are contiguous from frame 0.
    assertThat(firstRun.get(0)).isZero();
    for (int i = 1; i + 1 < firstRun.size(); i += 2) {
      assertThat(firstRun.get(i + 1)).isEqualTo(firstRun.get(i) + 1);
    }
    long lastKept = firstRun.get(firstRun.size() - 1);
    // Every fragment finished at least one GOP before the kill was kept; the one finished just
    // before the kill may still have been on its way to disk.
    assertThat(lastKept).isGreaterThanOrEqualTo(printed.get(printed.size() - 2)[1]);
    // What is missing is only the unfinished fragment (plus, at most, that last finished one).
    long producedAtLeast = printed.get(printed.size() - 1)[1] + 1;
    assertThat(producedAtLeast - 1 - lastKept).isLessThanOrEqualTo(GOP);
    assertThat(secondRun).isNotEmpty();
    assertThat(secondRun.get(0)).isZero();
    assertThat(secondRun.get(secondRun.size() - 1)).isEqualTo(3 * 30 - 1);

    if (ExternalTool.installed("ffmpeg")) {
      try (var files = Files.list(dir)) {
        for (Path segment : files.filter(p -> p.toString().endsWith(".mkv")).toList()) {
          ExternalTool decode =
              ExternalTool.run(
                  "ffmpeg", "-v", "error", "-i", segment.toString(), "-f", "null", "-");
          assertThat(decode.stdout() + decode.stderr()).as(segment.toString()).isEmpty();
        }
      }
    }
  }
}
