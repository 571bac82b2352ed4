package io.camappliance.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Kills a recording process with SIGKILL at a random moment and checks what survives. */
class RecordingCrashTest {
  @TempDir Path dir;

  @Test
  @Timeout(60)
  void afterSigkillOnlyTheUnfinishedFragmentIsLostAndEverySegmentReads() throws Exception {
    Random random = new Random();
    for (int round = 0; round < 2; round++) {
      Path rec = dir.resolve("round" + round);
      int killAfter = 3 + random.nextInt(25);
      long lastPrinted = killAndRecover(rec, killAfter);

      RecordingRecovery.Report report = RecordingRecovery.recover(rec);
      RecordingIndex index = RecordingIndex.load(rec);
      List<RecordedFragment> fragments = index.fragments(Long.MIN_VALUE, Long.MAX_VALUE);
      long expected = 0;
      for (RecordedFragment f : fragments) {
        assertThat(f.firstSequence()).as("fragments are contiguous").isEqualTo(expected);
        assertThat(f.frameCount()).isEqualTo(10);
        expected = f.lastSequence() + 1;
      }
      long last = expected - 1;
      // every fragment reported durable survived; at most the one being written is gone
      assertThat(last).isGreaterThanOrEqualTo(lastPrinted);
      assertThat(expected % 10).isZero();
      assertThat(report.segmentsKept()).isEqualTo(index.segmentCount());
      for (Path seg : Segments.dataFiles(rec)) {
        assertThat(Segments.blockCountPerCluster(seg)).allMatch(n -> n == 10);
        checkWithMkvmerge(seg);
      }
      // a recorder starting here resumes in a new segment
      try (Recorder r = Recorder.start(RecordingSettings.defaults(rec))) {
        assertThat(r.index().fragments(Long.MIN_VALUE, Long.MAX_VALUE)).hasSameSizeAs(fragments);
      }
    }
  }

  /** Runs the child until it reported {@code fragments} durable fragments, then SIGKILLs it. */
  private static long killAndRecover(Path rec, int fragments) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                RecordingCrashChild.class.getName(),
                rec.toString())
            .redirectErrorStream(true)
            .start();
    long lastPrinted = -1;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      int seen = 0;
      String line;
      while (seen < fragments && (line = out.readLine()) != null) {
        assertThat(line).doesNotStartWith("DROPPED");
        if (line.startsWith("F ")) {
          lastPrinted = Long.parseLong(line.substring(2));
          seen++;
        }
      }
      Thread.sleep(new Random().nextInt(15)); // land anywhere inside the next fragment
      p.toHandle().destroyForcibly(); // SIGKILL; keeps our end of the pipe readable
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
      // lines printed after the last one read before the kill are durable too
      while ((line = out.readLine()) != null) {
        if (line.startsWith("F ")) {
          lastPrinted = Long.parseLong(line.substring(2));
        }
      }
    }
    assertThat(lastPrinted).as("child recorded something").isGreaterThanOrEqualTo(9);
    return lastPrinted;
  }

  private static void checkWithMkvmerge(Path seg) throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of("/usr/bin/mkvmerge"))) {
      return;
    }
    Process p =
        new ProcessBuilder("mkvmerge", "-J", seg.toString()).redirectErrorStream(true).start();
    String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(10, TimeUnit.SECONDS);
    assertThat(json).contains("\"recognized\": true").contains("\"supported\": true");
  }
}
