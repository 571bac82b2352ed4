package io.camappliance.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camappliance.h264.FrameStamp;
import io.camappliance.media.EncodedFrame;
import io.camappliance.media.SourceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class LibcameraSourceTest {
  private static final int CLIP_FRAMES = 12;

  private static CameraOptions options() {
    return CameraOptions.defaults()
        .withSource(new SourceSpec(SourceSpec.Kind.LIBCAMERA, ""))
        .withSize(Clips.WIDTH, Clips.HEIGHT)
        .withFps(Clips.FPS)
        .withGopFrames(6)
        .withBitrateKbps(400);
  }

  /** A stand-in rpicam-vid that records its arguments, writes the clip to stdout and exits. */
  static Path fakeRpicamVid(Path bin, Path clip) throws IOException {
    Files.createDirectories(bin);
    Path script = bin.resolve("rpicam-vid");
    Files.writeString(
        script,
        "#!/bin/bash\n"
            + "echo \"$@\" >> \""
            + bin.resolve("invocations")
            + "\"\n"
            + "exec cat \""
            + clip
            + "\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  @Test
  void restartsTheProcessWhenItExitsAndKeepsCountingFrames(@TempDir Path dir) throws Exception {
    Path clip = Clips.make(dir.resolve("clip.h264"), CLIP_FRAMES, 6);
    Path bin = dir.resolve("bin");
    fakeRpicamVid(bin, clip);
    int wanted = 3 * CLIP_FRAMES;
    Frames.Collector sink = new Frames.Collector(wanted);
    LibcameraSource source =
        new LibcameraSource(options(), bin.toString(), new Backoff(5, 40, 60_000));
    try (source) {
      source.start(sink);
      List<EncodedFrame> frames = sink.await();
      assertThat(source.restarts()).isGreaterThanOrEqualTo(2);
      for (int i = 0; i < wanted; i++) {
        EncodedFrame f = frames.get(i);
        assertThat(f.sequence()).isEqualTo(i);
        assertThat(Frames.stamps(f)).containsExactly(new FrameStamp(f.captureEpochMicros(), i));
        assertThat(f.keyframe()).isEqualTo(i % 6 == 0);
        if (i > 0) {
          assertThat(f.ptsMicros()).isGreaterThan(frames.get(i - 1).ptsMicros());
        }
      }
      assertThat(frames.get(0).format().width()).isEqualTo(Clips.WIDTH);
      // Same parameter sets in every run: one format instance throughout.
      assertThat(frames).allSatisfy(f -> assertThat(f.format()).isSameAs(frames.get(0).format()));
      assertThat(source.requestKeyframe()).isFalse();
    }
    assertThat(Frames.cameraThreads()).isEmpty();
    List<String> invocations = Files.readAllLines(bin.resolve("invocations"));
    assertThat(invocations.size()).isGreaterThanOrEqualTo(3);
    assertThat(invocations.get(0))
        .isEqualTo(
            "-t 0 --nopreview --inline --flush --codec h264 --profile baseline --intra 6"
                + " --bitrate 400000 --width 320 --height 240 --framerate 30 -o -");
  }

  @Test
  void failsToStartWithAnInstallHintWhenRpicamVidIsMissing(@TempDir Path dir) {
    LibcameraSource source =
        new LibcameraSource(options(), dir.toString(), new Backoff(5, 40, 60_000));
    assertThatThrownBy(() -> source.start(f -> {}))
        .isInstanceOf(SourceException.class)
        .hasMessage("rpicam-vid not found: install the rpicam-apps package");
    source.close();
  }

  @Test
  void keepsRetryingWhenTheProgramCannotBeRunUntilItCanAgain(@TempDir Path dir) throws Exception {
    Path clip = Clips.make(dir.resolve("clip.h264"), CLIP_FRAMES, 6);
    Path bin = dir.resolve("bin");
    Path script = fakeRpicamVid(bin, clip);
    Frames.Collector sink = new Frames.Collector(2 * CLIP_FRAMES);
    LibcameraSource source =
        new LibcameraSource(options(), bin.toString(), new Backoff(5, 20, 60_000));
    try (source) {
      source.start(sink);
      // While it is not executable, starts fail and are retried with backoff.
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
      long deadline = System.nanoTime() + 10_000_000_000L;
      int before = source.restarts();
      while (source.restarts() < before + 3 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(source.restarts()).isGreaterThanOrEqualTo(before + 3);
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
      List<EncodedFrame> frames = sink.await();
      assertThat(frames.get(2 * CLIP_FRAMES - 1).sequence()).isEqualTo(2 * CLIP_FRAMES - 1);
    }
    assertThat(Frames.cameraThreads()).isEmpty();
  }

  @Test
  void doublesTheRestartDelayUpToTheCapAndResetsAfterAStableRun() {
    Backoff backoff = new Backoff(100, 1000, 5000);
    assertThat(backoff.delayAfter(10)).isEqualTo(100);
    assertThat(backoff.delayAfter(10)).isEqualTo(200);
    assertThat(backoff.delayAfter(10)).isEqualTo(400);
    assertThat(backoff.delayAfter(10)).isEqualTo(800);
    assertThat(backoff.delayAfter(10)).isEqualTo(1000);
    assertThat(backoff.delayAfter(10)).isEqualTo(1000);
    assertThat(backoff.delayAfter(5000)).isEqualTo(100);
    assertThat(backoff.delayAfter(10)).isEqualTo(200);
  }

  @Test
  void closeStopsALongRunningProcessAndItsThread(@TempDir Path dir) throws Exception {
    Path clip = Clips.make(dir.resolve("clip.h264"), CLIP_FRAMES, 6);
    Path bin = dir.resolve("bin");
    Files.createDirectories(bin);
    Path script = bin.resolve("rpicam-vid");
    // Writes the clip, then stays up like a real camera would.
    Files.writeString(script, "#!/bin/bash\ncat \"" + clip + "\"\nexec sleep 60\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Frames.Collector sink = new Frames.Collector(CLIP_FRAMES - 1);
    LibcameraSource source =
        new LibcameraSource(options(), bin.toString(), new Backoff(5, 40, 60_000));
    source.start(sink);
    sink.await();
    source.close();
    source.close();
    assertThat(Frames.cameraThreads()).isEmpty();
    assertThat(source.restarts()).isZero();
  }
}
