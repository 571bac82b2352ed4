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
}
