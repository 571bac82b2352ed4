package io.camappliance.kvs;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.credentials.ClockCheck;
import io.camappliance.credentials.CredentialsCache;
import io.camappliance.credentials.CredentialsRequest;
import io.camappliance.credentials.DeviceIdentity;
import io.camappliance.credentials.IotCredentialsClient;
import io.camappliance.credentials.RefreshPolicy;
import io.camappliance.emulator.Emulator;
import io.camappliance.emulator.EmulatorSettings;
import io.camappliance.emulator.admin.AdminClient;
import io.camappliance.emulator.admin.StreamReport;
import io.camappliance.emulator.iot.KeyFormat;
import io.camappliance.emulator.iot.KeyType;
import io.camappliance.emulator.iot.ProvisionedDevice;
import io.camappliance.emulator.media.FragmentRecord;
import io.camappliance.emulator.media.SequenceRange;
import io.camappliance.emulator.putmedia.AckEventType;
import io.camappliance.emulator.putmedia.PutMediaSettings;
import io.camappliance.store.StoreLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acceptance: ten minutes of video (at eight times real time) through fifty random faults from the
 * emulator's admin API, signed with IoT credentials that live 60 s. Every frame produced must be
 * stored in the emulator, in order; frames stored twice are reported.
 */
@Timeout(300)
class UploaderFaultTest {
  private static final Logger log = LoggerFactory.getLogger(UploaderFaultTest.class);
  private static final int FPS = 30;
  private static final long FRAMES = 10 * 60 * FPS;
  private static final int FAULTS = 50;

  @TempDir Path dir;

  static Emulator start(Path dir, Duration credentialLifetime) throws Exception {
    PutMediaSettings p =
        PutMediaSettings.defaults()
            .withFragmentLimits(50_000_000L, Duration.ofSeconds(20), Duration.ZERO, 400)
            .withConnectionLimits(100, 100, 100_000_000L, Duration.ofSeconds(2));
    return Emulator.start(
        EmulatorSettings.defaults(dir.resolve("emulator"))
            .withCredentialLifetime(credentialLifetime)
            .withPutMedia(p));
  }

  static UploadCredentials iotCredentials(Emulator emulator, Path dir, String thing)
      throws Exception {
    ProvisionedDevice device =
        emulator.iot().provision(thing, "camera-role", KeyType.EC, KeyFormat.PKCS8, dir);
    DeviceIdentity identity =
        DeviceIdentity.load(device.certificateFile(), device.privateKeyFile(), device.caFile());
    IotCredentialsClient client =
        IotCredentialsClient.create(
            new CredentialsRequest("localhost:" + emulator.iotPort(), "camera-role", thing),
            identity);
    CredentialsCache cache =
        CredentialsCache.start(
            client,
            new ClockCheck(Instant.parse("2025-01-01T00:00:00Z")),
            RefreshPolicy.defaults());
    return UploadCredentials.from(cache);
  }

  @Test
  void everyFrameArrivesInOrderThroughFiftyFaults() throws Exception {
    try (Emulator emulator = start(dir, Duration.ofSeconds(60))) {
      AdminClient admin = new AdminClient(emulator.endpoint());
      UploaderSettings settings =
          UploaderSettings.defaults("cam-faults", "us-west-2", emulator.endpoint())
              .withTiming(
                  Duration.ofSeconds(3),
                  Duration.ofSeconds(60),
                  Duration.ofSeconds(4),
                  Duration.ofSeconds(15))
              .withBackoff(
                  new io.camappliance.credentials.Backoff(
                      Duration.ofMillis(50), Duration.ofMillis(800)),
                  Duration.ofSeconds(1));
      StoreLimits limits = new StoreLimits(64 << 20, 600_000, 32_768);
      UploadCredentials credentials = iotCredentials(emulator, dir.resolve("device"), "cam-faults");
      Random random = new Random(Long.getLong("faults.seed", 20261121L));
      List<String> injected = new ArrayList<>();
      try (UploadRig rig = new UploadRig(emulator, settings, credentials, limits, null);
          StampedFrames camera = new StampedFrames(rig.fragmenter, FPS, 15, 8, 3_600_000, FRAMES)) {
        camera.start();
        Thread.sleep(1000);
        for (int i = 0; i < FAULTS; i++) {
          injected.add(inject(random, admin, emulator));
          Thread.sleep(1200);
          admin.clearFaults();
        }
        camera.join();
        rig.fragmenter.end();
        rig.awaitSent(Duration.ofSeconds(120));
        rig.uploader.close();
        assertThat(rig.store.stats().frames()).as("frames left unacknowledged").isZero();

        StreamReport r = UploadRig.report(emulator, "cam-faults");
        UploadMetrics m = rig.uploader.metrics();
        log.info(
            "Fault run: {} faults {}; {} sessions, {} rotations, {} connection errors, {} frames"
                + " stored twice ({} fragments), error ACKs 4000/5000/5001: {}/{}/{}",
            injected.size(),
            injected,
            m.sessions(),
            m.rotations(),
            m.toMap().get("PutMedia.ConnectionErrors"),
            r.duplicateFrames(),
            r.duplicateFragments(),
            m.errorAcks(4000),
            m.errorAcks(5000),
            m.errorAcks(5001));
        assertThat(r.firstSequence()).isZero();
        assertThat(r.lastSequence()).isEqualTo(FRAMES - 1);
        assertThat(r.distinctSequences()).isEqualTo(FRAMES);
        assertThat(r.lostFrames()).isZero();
        assertOrderPreserved(r.fragments());
        // Only fragments whose RECEIVED ACK was lost are sent again: at most the fragments in
        // flight on each failed connection (1 s fragments of 30 frames, a few per connection).
        long failures = (long) m.toMap().get("PutMedia.ConnectionErrors");
        assertThat(r.duplicateFrames()).isLessThanOrEqualTo(failures * 3 * FPS);
        assertThat(m.rotations()).as("rotations").isPositive();
        assertThat(m.sessions()).isGreaterThan(m.rotations() + FAULTS / 5);
      }
    }
  }

  /** Every fragment continues where the ones before it stopped, or repeats frames already seen. */
  private static void assertOrderPreserved(List<FragmentRecord> fragments) {
    long seenUpTo = -1;
    for (FragmentRecord f : fragments) {
      for (SequenceRange range : f.sequences()) {
        if (range.first() > seenUpTo) {
          assertThat(range.first()).as("first frame after %d", seenUpTo).isEqualTo(seenUpTo + 1);
          seenUpTo = range.last();
        } else {
          seenUpTo = Math.max(seenUpTo, range.last());
        }
      }
    }
  }

  private static String inject(Random random, AdminClient admin, Emulator emulator)
      throws Exception {
    switch (random.nextInt(10)) {
      case 0 -> {
        admin.cutNextConnectionRandomly(200_000);
        return "cut";
      }
      case 1 -> {
        admin.delayAcks(AckEventType.BUFFERING, Duration.ofSeconds(5));
        return "stale";
      }
      case 2 -> {
        admin.errorOnFragment(1 + random.nextInt(3), 4000);
        return "4000";
      }
      case 3 -> {
        admin.errorOnFragment(1 + random.nextInt(3), 5000);
        return "5000";
      }
      case 4 -> {
        admin.errorOnFragment(1 + random.nextInt(3), 5001);
        return "5001";
      }
      case 5 -> {
        admin.failNextRequests(1, 500);
        return "500";
      }
      case 6 -> {
        admin.failNextRequests(1, 503);
        return "503";
      }
      case 7 -> {
        admin.throttleNextRequests(2);
        return "throttle";
      }
      case 8 -> {
        admin.expireCredentials(null);
        return "expire";
      }
      default -> {
        admin.restart();
        return "restart";
      }
    }
  }
}
