package io.camappliance.kvs;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.emulator.Emulator;
import io.camappliance.emulator.EmulatorSettings;
import io.camappliance.emulator.admin.StreamReport;
import io.camappliance.emulator.putmedia.PutMediaSettings;
import io.camappliance.recording.backlog.DiskBacklog;
import io.camappliance.store.StoreLimits;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acceptance: a five-minute outage (the emulator stopped) with a 60-second RAM store loses no
 * frame: what the store cannot hold goes to the disk backlog, and after the uplink returns the
 * backlog drains at least four times faster than the camera produces while the live stream keeps
 * being acknowledged.
 *
 * <p>The run is compressed four times (the camera produces four seconds of video per second), and
 * so are the emulator's per-second quotas (5 fragments/s and 5 calls/s become 20).
 */
@Timeout(400)
class UploaderOutageTest {
  private static final Logger log = LoggerFactory.getLogger(UploaderOutageTest.class);
  private static final int FPS = 30;
  private static final int GOP = 2 * FPS;
  private static final double SPEED = 4;
  private static final long OUTAGE_MEDIA_MILLIS = 5 * 60_000;

  @TempDir Path dir;

  private static EmulatorSettings settings(Path dir, int port) {
    PutMediaSettings p =
        PutMediaSettings.defaults()
            .withFragmentLimits(50_000_000L, Duration.ofSeconds(20), Duration.ZERO, 20)
            .withConnectionLimits(20, 100, 50_000_000L, Duration.ofSeconds(2));
    return EmulatorSettings.defaults(dir).withPort(port).withPutMedia(p);
  }

  @Test
  void aFiveMinuteOutageLosesNothingAndTheBacklogDrainsFourTimesFaster() throws Exception {
    Path data = dir.resolve("emulator");
    Emulator emulator = Emulator.start(settings(data, 0));
    int port = emulator.port();
    UploaderSettings us =
        UploaderSettings.defaults("cam-outage", "us-west-2", emulator.endpoint())
            .withBackoff(
                new io.camappliance.credentials.Backoff(
                    Duration.ofMillis(100), Duration.ofSeconds(1)),
                Duration.ofSeconds(1));
    StoreLimits limits = new StoreLimits(64 << 20, 60_000, 60 * 120);
    try (DiskBacklog backlog = DiskBacklog.open(dir.resolve("backlog"), 1L << 30);
        UploadRig rig = new UploadRig(emulator, us, UploadRig.emulatorKeys(), limits, backlog)) {
      long before = (long) (20_000 * FPS / 1000);
      long outageFrames = OUTAGE_MEDIA_MILLIS * FPS / 1000;
      long total = before + outageFrames + 120 * FPS;
      try (StampedFrames camera =
          new StampedFrames(rig.fragmenter, FPS, GOP, SPEED, 3_600_000, total)) {
        camera.start();
        awaitProduced(camera, before);
        emulator.close();
        log.info("Outage starts at frame {}", camera.produced());
        long outageStart = camera.produced();
        awaitProduced(camera, outageStart + outageFrames);
        long backlogMillis = backlog.stats().durationMillis();
        log.info(
            "Outage ends at frame {}: backlog {} fragments ({} s of media), store {}",
            camera.produced(),
            backlog.stats().fragments(),
            backlogMillis / 1000,
            rig.store.stats());
        assertThat(backlogMillis).as("media waiting in the backlog").isGreaterThan(200_000);
        emulator = Emulator.start(settings(data, port));
        long receivedAtRecovery = rig.uploader.metrics().fragmentsReceived();
        long backfilledAtRecovery = rig.uploader.metrics().backlogFragmentsUploaded();
        long t0 = System.nanoTime();
        long unsentAtRecovery = rig.store.unsentDurationMillis();
        while (backlog.stats().fragments() > 0) {
          assertThat(System.nanoTime() - t0)
              .as("backlog drained within two minutes: %s", rig.uploader.status())
              .isLessThan(Duration.ofMinutes(2).toNanos());
          Thread.sleep(20);
        }
        double drainWallSeconds = (System.nanoTime() - t0) / 1e9;
        long unsentAfterDrain = rig.store.unsentDurationMillis();
        long liveReceived =
            rig.uploader.metrics().fragmentsReceived()
                - receivedAtRecovery
                - (rig.uploader.metrics().backlogFragmentsUploaded() - backfilledAtRecovery);
        double mediaPerWallSecond = backlogMillis / 1000.0 / drainWallSeconds;
        double timesRealTime = mediaPerWallSecond / SPEED;
        log.info(
            "Backlog of {} s of media drained in {} s: {} s of media per second, {}x the"
                + " camera's rate; live fragments received meanwhile {}; live media unsent {} ms"
                + " at recovery, {} ms after the drain",
            backlogMillis / 1000,
            String.format("%.1f", drainWallSeconds),
            String.format("%.1f", mediaPerWallSecond),
            String.format("%.1f", timesRealTime),
            liveReceived,
            unsentAtRecovery,
            unsentAfterDrain);
        assertThat(timesRealTime).as("drain speed over the camera's").isGreaterThanOrEqualTo(4);
        assertThat(liveReceived).as("live fragments acknowledged during the drain").isPositive();
        // The live stream kept flowing: what the RAM store held at recovery went out, and no more
        // than a few fragments wait when the backlog is empty.
        assertThat(unsentAfterDrain).as("live media waiting after the drain").isLessThan(10_000);
        camera.join();
      }
      rig.fragmenter.end();
      rig.awaitSent(Duration.ofSeconds(60));
      rig.uploader.close();
      StreamReport r = UploadRig.report(emulator, "cam-outage");
      log.info(
          "Outage run: {} frames produced, {} distinct stored, {} lost, {} stored twice",
          total,
          r.distinctSequences(),
          r.lostFrames(),
          r.duplicateFrames());
      assertThat(r.firstSequence()).isZero();
      assertThat(r.lastSequence()).isEqualTo(total - 1);
      assertThat(r.distinctSequences()).isEqualTo(total);
      assertThat(r.lostFrames()).isZero();
      assertThat(backlog.stats().fragmentsDropped()).isZero();
    } finally {
      emulator.close();
    }
  }

  private static void awaitProduced(StampedFrames camera, long frames) throws InterruptedException {
    while (camera.produced() < frames) {
      Thread.sleep(10);
    }
  }
}
