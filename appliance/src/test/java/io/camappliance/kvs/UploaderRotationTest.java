package io.camappliance.kvs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.camappliance.emulator.Emulator;
import io.camappliance.emulator.admin.StreamReport;
import io.camappliance.emulator.media.FragmentRecord;
import io.camappliance.store.StoreLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Acceptance: with IoT credentials that live 60 s and a rotation margin of 50 s, a new PutMedia
 * connection starts 50 s before the signing credentials expire, visibly in the log and the metrics,
 * and the fragments around every rotation follow each other with no gap and no overlap. Runs in
 * real time (the credentials' lifetime is wall-clock time): about 25 s.
 */
@Timeout(120)
class UploaderRotationTest {
  private static final int FPS = 30;

  @TempDir Path dir;

  @Test
  void rotatesAtTheMarginWithNoGapAndNoOverlap() throws Exception {
    Logger uploaderLog = (Logger) LoggerFactory.getLogger(Uploader.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    uploaderLog.addAppender(logged);
    try (Emulator emulator = UploaderFaultTest.start(dir, Duration.ofSeconds(60))) {
      UploaderSettings settings =
          UploaderSettings.defaults("cam-rotation", "us-west-2", emulator.endpoint())
              .withTiming(
                  Duration.ofSeconds(30),
                  Duration.ofSeconds(60),
                  Duration.ofMinutes(40),
                  Duration.ofSeconds(50));
      UploadCredentials credentials =
          UploaderFaultTest.iotCredentials(emulator, dir.resolve("device"), "cam-rotation");
      long frames = 25L * FPS;
      try (UploadRig rig =
              new UploadRig(
                  emulator, settings, credentials, new StoreLimits(8 << 20, 60_000, 8192), null);
          StampedFrames camera = new StampedFrames(rig.fragmenter, FPS, FPS, 1, 10_000, frames)) {
        camera.start().join();
        rig.fragmenter.end();
        rig.awaitSent(Duration.ofSeconds(30));
        rig.uploader.close();

        assertThat(rig.uploader.metrics().rotations()).isGreaterThanOrEqualTo(2);
        List<String> rotations =
            logged.list.stream()
                .map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("rotation: the signing credentials expire in"))
                .toList();
        assertThat(rotations).hasSizeGreaterThanOrEqualTo(2);
        for (String line : rotations) {
          // Rotated at the first fragment boundary (1 s fragments) once 50 s were left; the
          // log rounds down to whole seconds.
          Matcher m = Pattern.compile("expire in (\\d+) s \\(margin 50 s\\)").matcher(line);
          assertThat(m.find()).as(line).isTrue();
          assertThat(Integer.parseInt(m.group(1))).as(line).isBetween(48, 50);
        }

        StreamReport r = UploadRig.report(emulator, "cam-rotation");
        assertThat(r.distinctSequences()).isEqualTo(frames);
        assertThat(r.lostFrames()).isZero();
        assertThat(r.duplicateFrames()).isZero();
        List<FragmentRecord> f = r.fragments();
        for (int i = 1; i < f.size(); i++) {
          FragmentRecord a = f.get(i - 1);
          FragmentRecord b = f.get(i);
          assertThat(b.sequences().get(0).first())
              .as("fragment %d starts right after fragment %d", i, i - 1)
              .isEqualTo(a.sequences().get(a.sequences().size() - 1).last() + 1);
          long gap = b.fragmentTimecode() - (a.fragmentTimecode() + a.durationMillis());
          assertThat(Math.abs(gap))
              .as("timecode gap between fragments %d and %d", i - 1, i)
              .isLessThanOrEqualTo(1000 / FPS + 1);
        }
      }
    } finally {
      uploaderLog.detachAppender(logged);
    }
  }
}
