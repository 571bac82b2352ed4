package io.camappliance.recording;

import io.camappliance.media.StreamHeader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A process that records synthetic frames into a directory until it is killed, printing {@code F
 * <lastSequence>} for every fragment once it is durable. Started by {@link RecordingCrashTest}.
 */
public final class RecordingCrashChild {
  private RecordingCrashChild() {}

  public static void main(String[] args) throws Exception {
    RecordingSettings settings =
        RecordingSettings.defaults(Path.of(args[0])).withSegmentDuration(Duration.ofSeconds(10));
    StreamHeader h = TestMkv.syntheticHeader(1);
    SyntheticCamera cam = new SyntheticCamera(h, System.currentTimeMillis(), 100, 10, 3000);
    Recorder rec =
        Recorder.start(
            settings,
            Clock.systemUTC(),
            f -> {
              System.out.println("F " + f.lastSequence());
              System.out.flush();
            });
    rec.onHeader(h);
    System.out.println("STARTED");
    System.out.flush();
    while (true) {
      cam.frame(rec);
      if (rec.status().framesDropped() > 0) {
        System.out.println("DROPPED " + rec.status().framesDropped());
        System.out.flush();
      }
      Thread.sleep(0, 300_000);
    }
  }
}
