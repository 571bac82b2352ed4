package io.camappliance.kvs;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.emulator.Emulator;
import io.camappliance.emulator.EmulatorSettings;
import io.camappliance.emulator.admin.StreamReport;
import io.camappliance.store.StoreLimits;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploaderTest {
  @TempDir Path dir;
  private Emulator emulator;

  @BeforeEach
  void startEmulator() throws Exception {
    emulator = Emulator.start(EmulatorSettings.defaults(dir.resolve("emulator")));
  }

  @AfterEach
  void stopEmulator() {
    emulator.close();
  }

  private UploaderSettings settings(String stream) {
    return UploaderSettings.defaults(stream, "us-west-2", emulator.endpoint());
  }

  @Test
  void createsTheStreamAndDeliversEveryFrameOnOneConnection() throws Exception {
    StoreLimits limits = new StoreLimits(8 << 20, 60_000, 4096);
    try (UploadRig rig =
            new UploadRig(emulator, settings("cam-a"), UploadRig.emulatorKeys(), limits, null);
        StampedFrames camera = new StampedFrames(rig.fragmenter, 30, 15, 8, 600_000, 300)) {
      camera.start().join();
      rig.fragmenter.end();
      rig.awaitSent(Duration.ofSeconds(30));
      rig.uploader.close();
      assertThat(rig.store.stats().frames()).isZero();
      StreamReport r = UploadRig.report(emulator, "cam-a");
      assertThat(r.distinctSequences()).isEqualTo(300);
      assertThat(r.firstSequence()).isZero();
      assertThat(r.lastSequence()).isEqualTo(299);
      assertThat(r.lostFrames()).isZero();
      assertThat(r.duplicateFrames()).isZero();
      assertThat(rig.uploader.metrics().sessions()).isEqualTo(1);
      assertThat(rig.uploader.state()).isEqualTo(UploadState.CLOSED);
      assertThat(rig.uploader.metrics().fragmentsReceived()).isEqualTo(10);
    }
  }

  @Test
  void aStreamThatDoesNotExistStopsWithAStatusThatSaysWhatToDo() throws Exception {
    StoreLimits limits = new StoreLimits(8 << 20, 60_000, 4096);
    UploaderSettings settings =
        settings("cam-missing")
            .withStream(false, 2, "video/h264")
            .withBackoff(
                new io.camappliance.credentials.Backoff(
                    Duration.ofMillis(50), Duration.ofMillis(200)),
                Duration.ofMillis(200));
    try (UploadRig rig = new UploadRig(emulator, settings, UploadRig.emulatorKeys(), limits, null);
        StampedFrames camera = new StampedFrames(rig.fragmenter, 30, 15, 8, 600_000, 150)) {
      camera.start().join();
      awaitState(rig.uploader, UploadState.STOPPED);
      assertThat(rig.uploader.message())
          .contains("cam-missing")
          .contains("does not exist")
          .contains("kvs.create_stream");
      assertThat(rig.store.stats().framesEvictedUnsent()).isZero();

      // Once someone creates the stream, streaming resumes on its own with every frame.
      emulator
          .streams()
          .createStream("cam-missing", null, "video/h264", null, 2, java.util.Map.of());
      rig.fragmenter.end();
      rig.awaitSent(Duration.ofSeconds(30));
      rig.uploader.close();
      StreamReport r = UploadRig.report(emulator, "cam-missing");
      assertThat(r.distinctSequences()).isEqualTo(150);
      assertThat(r.lostFrames()).isZero();
    }
  }

  private static void awaitState(Uploader u, UploadState state) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (u.state() != state) {
      assertThat(System.nanoTime())
          .as("state %s, now %s: %s", state, u.state(), u.message())
          .isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
