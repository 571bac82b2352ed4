package io.camappliance.core;

import io.camappliance.config.RecordingConfig;
import io.camappliance.media.PackagedSink;
import io.camappliance.recording.Recorder;
import io.camappliance.recording.RecordingSettings;
import io.camappliance.recording.RecordingStatus;
import io.camappliance.recording.StrategyOnFullSize;
import java.io.IOException;
import java.time.Duration;

/** The local recorder as configured, or none when recording is disabled. */
final class RecordingHandle implements AutoCloseable {
  private final Recorder recorder;

  private RecordingHandle(Recorder recorder) {
    this.recorder = recorder;
  }

  /** Opens (and recovers) the recording directory; null when recording is disabled. */
  static RecordingHandle open(RecordingConfig config) throws IOException {
    if (!config.enabled()) {
      return null;
    }
    RecordingSettings settings =
        RecordingSettings.defaults(config.directory())
            .withSegmentDuration(Duration.ofSeconds(config.segmentSeconds()))
            .withEdgeRetentionInHours(config.retentionHours())
            .withMaxLocalMediaSizeInMB((int) config.maxLocalMediaMegabytes())
            .withStrategyOnFullSize(StrategyOnFullSize.valueOf(config.strategyOnFullSize()));
    return new RecordingHandle(Recorder.start(settings));
  }

  PackagedSink sink() {
    return recorder;
  }

  RecordingStatus status() {
    return recorder.status();
  }

  /** A short status for the console: state, segments, size, frames written and dropped. */
  String summary() {
    RecordingStatus s = recorder.status();
    return String.format(
        "%s, %d segments, %.1f MB, %d frames written, %d dropped",
        s.state(), s.segments(), s.bytes() / 1e6, s.framesWritten(), s.framesDropped());
  }

  @Override
  public void close() {
    recorder.close();
  }
}
