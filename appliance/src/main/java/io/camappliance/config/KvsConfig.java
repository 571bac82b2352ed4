package io.camappliance.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code [kvs]}: uploading fragments to Kinesis Video Streams with PutMedia.
 *
 * @param enabled upload to KVS (default false)
 * @param region AWS region, e.g. {@code us-west-2} (default)
 * @param endpoint control-plane endpoint override, {@code http://} or {@code https://} (for example
 *     the local emulator); empty (default) means the real service for {@link #region}
 * @param streamName the stream, 1 to 256 of {@code [a-zA-Z0-9_.-]}; required when enabled (default
 *     empty)
 * @param createStream create the stream when it does not exist (default true)
 * @param retentionHours retention of a stream this device creates (default 2, 0 to 87600); 0 means
 *     the service never sends PERSISTED, so the store drops fragments on RECEIVED
 * @param mediaType the stream's media type (default {@code video/h264})
 * @param connectionStalenessSeconds reconnect when no ACK arrived for this long; 0 disables
 *     (default 30, 0 to 600)
 * @param maxLatencySeconds reconnect when the oldest unacknowledged fragment is this old; 0
 *     disables (default 60, 0 to 3600)
 * @param rotationMinutes open a new PutMedia connection at least this often (default 40, 1 to 44;
 *     the service ends a connection after 45 minutes)
 * @param rotationMarginSeconds open a new connection this long before the credentials signing the
 *     current one expire (default 60, 5 to 600)
 * @param backlogDir where fragments wait on disk while the uplink is down (default {@code
 *     /var/lib/camera-appliance/backlog}, beside the recordings directory)
 * @param backlogMaxMegabytes disk for the backlog (default 2048, 0 to 2 000 000); 0 disables the
 *     backlog
 */
public record KvsConfig(
    boolean enabled,
    String region,
    Optional<URI> endpoint,
    String streamName,
    boolean createStream,
    int retentionHours,
    String mediaType,
    int connectionStalenessSeconds,
    int maxLatencySeconds,
    int rotationMinutes,
    int rotationMarginSeconds,
    Path backlogDir,
    long backlogMaxMegabytes) {

  public static final KvsConfig DEFAULTS =
      new KvsConfig(
          false,
          "us-west-2",
          Optional.empty(),
          "",
          true,
          2,
          "video/h264",
          30,
          60,
          40,
          60,
          Path.of("/var/lib/camera-appliance/backlog"),
          2048);

  /** A stream without retention never acknowledges PERSISTED, so RECEIVED must trim the store. */
  public boolean trimsOnReceived() {
    return retentionHours == 0;
  }

  public boolean backlogEnabled() {
    return backlogMaxMegabytes > 0;
  }
}
