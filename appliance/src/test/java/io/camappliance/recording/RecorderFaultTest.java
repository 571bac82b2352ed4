package io.camappliance.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.camappliance.media.StreamHeader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory that cannot be used never reaches the caller as an exception. */
class RecorderFaultTest {
  private static final long T0 = System.currentTimeMillis();
  @TempDir Path dir;
  private final StreamHeader header = TestMkv.syntheticHeader(1);

  @Test
  void aFileWhereTheDirectoryShouldBeIsReportedAsUnwritableAndRetried() throws IOException {
    Path target = dir.resolve("rec");
    Files.write(target, new byte[] {1}); // fails for root too, unlike chmod 000
    MutableClock clock = new MutableClock(T0);
    RecordingSettings s =
        RecordingSettings.defaults(target).withRetryInterval(Duration.ofSeconds(10));
    SyntheticCamera cam = new SyntheticCamera(header, T0, 33, 10, 100);
    try (Recorder rec = Recorder.start(s, clock, f -> {})) {
      assertThat(rec.status().state()).isEqualTo(RecordingState.UNWRITABLE);
      cam.fragments(rec, 2);
      rec.awaitDrained(Duration.ofSeconds(5));
      RecordingStatus st = rec.status();
      assertThat(st.state()).isEqualTo(RecordingState.UNWRITABLE);
      assertThat(st.message())
          .contains(target.toString())
          .contains("make it a directory the service user can write")
          .contains("retrying every 10 s");
      assertThat(st.droppedWriteError()).isEqualTo(20);

      Files.delete(target);
      Files.createDirectory(target);
      cam.fragments(rec, 1); // before the retry interval: still dropped
      rec.awaitDrained(Duration.ofSeconds(5));
      assertThat(rec.status().droppedWriteError()).isEqualTo(30);
      clock.set(T0 + 10_000);
      cam.fragments(rec, 1);
      rec.onEnd();
      rec.awaitDrained(Duration.ofSeconds(5));
      assertThat(rec.status().state()).isEqualTo(RecordingState.RECORDING);
      assertThat(rec.status().framesWritten()).isEqualTo(10);
    }
    assertThat(Segments.dataFiles(target)).hasSize(1);
  }

  @Test
  void aFullFileSystemIsReportedAsDiskFullAndWhatWasWrittenStillReads() throws Exception {
    Path mnt = dir.resolve("small");
    Files.createDirectory(mnt);
    assumeTrue(
        run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mnt.toString()),
        "needs permission to mount a small tmpfs");
    try {
      MutableClock clock = new MutableClock(T0);
      SyntheticCamera cam = new SyntheticCamera(header, T0, 33, 10, 4000);
      try (Recorder rec =
          Recorder.start(
              RecordingSettings.defaults(mnt).withRetryInterval(Duration.ofSeconds(5)),
              clock,
              f -> {})) {
        for (int i = 0; i < 20; i++) {
          cam.fragments(rec, 1);
          rec.awaitDrained(Duration.ofSeconds(5));
        }
        RecordingStatus st = rec.status();
        assertThat(st.state()).isEqualTo(RecordingState.DISK_FULL);
        assertThat(st.message()).contains(mnt.toString()).contains("full");
        assertThat(st.droppedWriteError()).isPositive();
        assertThat(st.framesWritten() + st.droppedWriteError()).isEqualTo(200);

        for (Path p : Segments.dataFiles(mnt)) {
          Segments.blockCountPerCluster(p); // every indexed fragment is whole
        }
        // free space; after the retry interval recording resumes
        try (var files = Files.list(mnt)) {
          for (Path p : files.toList()) {
            Files.delete(p);
          }
        }
        clock.set(T0 + 5_000);
        cam.fragments(rec, 1);
        rec.onEnd();
        rec.awaitDrained(Duration.ofSeconds(5));
        assertThat(rec.status().state()).isEqualTo(RecordingState.RECORDING);
      }
      RecordingRecovery.recover(mnt);
      for (Path p : Segments.dataFiles(mnt)) {
        assertThat(Segments.blockCountPerCluster(p)).allMatch(n -> n == 10);
      }
    } finally {
      run("umount", mnt.toString());
    }
  }

  private static boolean run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
  }
}
