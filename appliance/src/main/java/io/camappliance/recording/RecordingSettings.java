package io.camappliance.recording;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How and where the appliance records locally. Mirrors the KVS Edge Agent {@code DeletionConfig}
 * ({@code EdgeRetentionInHours}, {@code LocalSizeConfig.MaxLocalMediaSizeInMB}, {@code
 * StrategyOnFullSize}).
 *
 * <p>The size cap is held in bytes. {@link #withMaxLocalMediaSizeInMB} enforces the Edge Agent
 * range of 64..2 000 000 MB and is what configuration uses; {@link #withMaxLocalMediaSizeBytes}
 * accepts any positive byte count so tests can exercise the cap with a few kilobytes.
 *
 * @param directory where segment files live
 * @param segmentDuration a segment rotates at the first fragment boundary after this long, 10 s..1
 *     h
 * @param edgeRetentionInHours segments whose last fragment ended longer ago are deleted, 1..720
 * @param maxLocalMediaSizeBytes cap on the bytes of all segment and index files
 * @param strategyOnFullSize what happens at the cap
 * @param fsyncPerFragment force data and index to the device at every fragment boundary
 * @param handoffBytes capacity of the byte ring between the packager thread and the writer
 * @param handoffFrames how many frames the ring holds at most
 * @param retryInterval how often a failed directory (full, unwritable) is tried again
 */
public record RecordingSettings(
    Path directory,
    Duration segmentDuration,
    int edgeRetentionInHours,
    long maxLocalMediaSizeBytes,
    StrategyOnFullSize strategyOnFullSize,
    boolean fsyncPerFragment,
    int handoffBytes,
    int handoffFrames,
    Duration retryInterval) {

  public static final Duration MIN_SEGMENT = Duration.ofSeconds(10);
  public static final Duration MAX_SEGMENT = Duration.ofHours(1);
  public static final int DEFAULT_MAX_LOCAL_MEDIA_SIZE_IN_MB = 4096;
  private static final long MB = 1024L * 1024;

  public RecordingSettings {
    Objects.requireNonNull(directory, "RecordingSettings.directory is missing");
    Objects.requireNonNull(strategyOnFullSize, "RecordingSettings.strategyOnFullSize is missing");
    if (segmentDuration == null
        || segmentDuration.compareTo(MIN_SEGMENT) < 0
        || segmentDuration.compareTo(MAX_SEGMENT) > 0) {
      throw new IllegalArgumentException(
          "RecordingSettings.segmentDuration " + segmentDuration + " is outside 10 s..1 h");
    }
    if (edgeRetentionInHours < 1 || edgeRetentionInHours > 720) {
      throw new IllegalArgumentException(
          "RecordingSettings.EdgeRetentionInHours " + edgeRetentionInHours + " is outside 1..720");
    }
    if (maxLocalMediaSizeBytes <= 0) {
      throw new IllegalArgumentException(
          "RecordingSettings.maxLocalMediaSizeBytes "
              + maxLocalMediaSizeBytes
              + " is not positive");
    }
    if (handoffBytes < 64 * 1024) {
      throw new IllegalArgumentException(
          "RecordingSettings.handoffBytes " + handoffBytes + " is below 65536");
    }
    if (handoffFrames < 2) {
      throw new IllegalArgumentException(
          "RecordingSettings.handoffFrames " + handoffFrames + " is below 2");
    }
    if (retryInterval == null || retryInterval.isNegative()) {
      throw new IllegalArgumentException(
          "RecordingSettings.retryInterval " + retryInterval + " is negative");
    }
  }

  /**
   * Defaults: 60 s segments, 720 h retention, 4096 MB, DELETE_OLDEST_MEDIA, fsync per fragment, an
   * 8 MiB / 1024-frame hand-off, retry every 10 s.
   */
  public static RecordingSettings defaults(Path directory) {
    return new RecordingSettings(
        directory,
        Duration.ofSeconds(60),
        720,
        DEFAULT_MAX_LOCAL_MEDIA_SIZE_IN_MB * MB,
        StrategyOnFullSize.DELETE_OLDEST_MEDIA,
        true,
        8 << 20,
        1024,
        Duration.ofSeconds(10));
  }

  public RecordingSettings withSegmentDuration(Duration d) {
    return new RecordingSettings(
        directory,
        d,
        edgeRetentionInHours,
        maxLocalMediaSizeBytes,
        strategyOnFullSize,
        fsyncPerFragment,
        handoffBytes,
        handoffFrames,
        retryInterval);
  }

  public RecordingSettings withEdgeRetentionInHours(int hours) {
    return new RecordingSettings(
        directory,
        segmentDuration,
        hours,
        maxLocalMediaSizeBytes,
        strategyOnFullSize,
        fsyncPerFragment,
        handoffBytes,
        handoffFrames,
        retryInterval);
  }

  /** The Edge Agent cap, 64..2 000 000 MB (MiB). */
  public RecordingSettings withMaxLocalMediaSizeInMB(int mb) {
    if (mb < 64 || mb > 2_000_000) {
      throw new IllegalArgumentException(
          "RecordingSettings.MaxLocalMediaSizeInMB " + mb + " is outside 64..2000000");
    }
    return withMaxLocalMediaSizeBytes(mb * MB);
  }

  /** Any positive cap in bytes, below the Edge Agent minimum too (for tests and small disks). */
  public RecordingSettings withMaxLocalMediaSizeBytes(long bytes) {
    return new RecordingSettings(
        directory,
        segmentDuration,
        edgeRetentionInHours,
        bytes,
        strategyOnFullSize,
        fsyncPerFragment,
        handoffBytes,
        handoffFrames,
        retryInterval);
  }

  public RecordingSettings withStrategyOnFullSize(StrategyOnFullSize s) {
    return new RecordingSettings(
        directory,
        segmentDuration,
        edgeRetentionInHours,
        maxLocalMediaSizeBytes,
        s,
        fsyncPerFragment,
        handoffBytes,
        handoffFrames,
        retryInterval);
  }

  public RecordingSettings withFsyncPerFragment(boolean fsync) {
    return new RecordingSettings(
        directory,
        segmentDuration,
        edgeRetentionInHours,
        maxLocalMediaSizeBytes,
        strategyOnFullSize,
        fsync,
        handoffBytes,
        handoffFrames,
        retryInterval);
  }

  public RecordingSettings withHandoff(int bytes, int frames) {
    return new RecordingSettings(
        directory,
        segmentDuration,
        edgeRetentionInHours,
        maxLocalMediaSizeBytes,
        strategyOnFullSize,
        fsyncPerFragment,
        bytes,
        frames,
        retryInterval);
  }

  public RecordingSettings withRetryInterval(Duration d) {
    return new RecordingSettings(
        directory,
        segmentDuration,
        edgeRetentionInHours,
        maxLocalMediaSizeBytes,
        strategyOnFullSize,
        fsyncPerFragment,
        handoffBytes,
        handoffFrames,
        d);
  }
}
