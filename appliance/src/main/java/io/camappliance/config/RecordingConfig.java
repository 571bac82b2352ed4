package io.camappliance.config;

import java.nio.file.Path;

/**
 * {@code [recording]}: local recording, with the KVS Edge Agent's deletion settings.
 *
 * @param enabled record to local storage (default true)
 * @param directory where segment files go (default {@code /var/lib/camera-appliance/recordings})
 * @param segmentSeconds length of one segment file (default 60, 10 to 3600)
 * @param retentionHours {@code EdgeRetentionInHours}: delete media older than this (default 720, 1
 *     to 720)
 * @param maxLocalMediaMegabytes {@code MaxLocalMediaSizeInMB} (default 2048, 64 to 2 000 000)
 * @param strategyOnFullSize {@code StrategyOnFullSize}: {@code DELETE_OLDEST_MEDIA} (default) or
 *     {@code DENY_NEW_MEDIA}
 */
public record RecordingConfig(
    boolean enabled,
    Path directory,
    int segmentSeconds,
    int retentionHours,
    long maxLocalMediaMegabytes,
    String strategyOnFullSize) {

  public static final RecordingConfig DEFAULTS =
      new RecordingConfig(
          true,
          Path.of("/var/lib/camera-appliance/recordings"),
          60,
          720,
          2048,
          "DELETE_OLDEST_MEDIA");
}
