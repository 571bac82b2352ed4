package io.camappliance.kvs;

import io.camappliance.credentials.Backoff;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What the uploader streams where, and its timing rules (KVS PutMedia reference, "StreamInfo"
 * fields and "producer SDK behaviour").
 *
 * @param controlEndpoint the control-plane endpoint override (a local emulator), or null for AWS's
 * @param retentionHours used when creating the stream; 0 means fragments are trimmed on RECEIVED
 * @param connectionStaleness reset the connection when sent data has no BUFFERING ACK for this
 *     long; zero disables
 * @param maxLatency reset the connection when the unsent duration exceeds this and keeps growing;
 *     zero disables
 * @param rotationPeriod a new connection at least this often (below the service's 45 minutes)
 * @param rotationMargin a new connection this long before the signing credentials expire
 * @param backoff reconnect waits after consecutive failures (jittered)
 * @param stoppedRetry how often a stopped stream (deleted, KMS) is looked at again
 * @param backlogSliceFragments at most this many backlog fragments per backfill connection
 * @param liveYield a backfill connection ends when the live stream has this much unsent media
 */
public record UploaderSettings(
    String streamName,
    String region,
    URI controlEndpoint,
    boolean createStream,
    int retentionHours,
    String mediaType,
    Duration connectionStaleness,
    Duration maxLatency,
    Duration rotationPeriod,
    Duration rotationMargin,
    Backoff backoff,
    Duration stoppedRetry,
    int backlogSliceFragments,
    Duration liveYield) {

  /** The longest a PutMedia connection may stay open (ErrorId 4003). */
  public static final Duration MAX_CONNECTION_AGE = Duration.ofMinutes(45);

  public UploaderSettings {
    Objects.requireNonNull(streamName, "streamName");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(mediaType, "mediaType");
    if (rotationPeriod.isZero()
        || rotationPeriod.isNegative()
        || rotationPeriod.compareTo(MAX_CONNECTION_AGE) >= 0) {
      throw new IllegalArgumentException(
          "rotation period " + rotationPeriod + " must be above 0 and below 45 minutes");
    }
    if (backlogSliceFragments < 1) {
      throw new IllegalArgumentException("backlogSliceFragments " + backlogSliceFragments + " < 1");
    }
  }

  /** The producer SDK's and kvssink's usual values for a stream with the given name. */
  public static UploaderSettings defaults(String streamName, String region, URI controlEndpoint) {
    return new UploaderSettings(
        streamName,
        region,
        controlEndpoint,
        true,
        2,
        "video/h264",
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        Duration.ofMinutes(40),
        Duration.ofSeconds(60),
        new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30)),
        Duration.ofSeconds(60),
        40,
        Duration.ofSeconds(4));
  }

  public UploaderSettings withTiming(
      Duration staleness, Duration latency, Duration rotation, Duration margin) {
    return new UploaderSettings(
        streamName,
        region,
        controlEndpoint,
        createStream,
        retentionHours,
        mediaType,
        staleness,
        latency,
        rotation,
        margin,
        backoff,
        stoppedRetry,
        backlogSliceFragments,
        liveYield);
  }

  public UploaderSettings withStream(boolean create, int retention, String media) {
    return new UploaderSettings(
        streamName,
        region,
        controlEndpoint,
        create,
        retention,
        media,
        connectionStaleness,
        maxLatency,
        rotationPeriod,
        rotationMargin,
        backoff,
        stoppedRetry,
        backlogSliceFragments,
        liveYield);
  }

  public UploaderSettings withBackoff(Backoff b, Duration stopped) {
    return new UploaderSettings(
        streamName,
        region,
        controlEndpoint,
        createStream,
        retentionHours,
        mediaType,
        connectionStaleness,
        maxLatency,
        rotationPeriod,
        rotationMargin,
        b,
        stopped,
        backlogSliceFragments,
        liveYield);
  }

  public UploaderSettings withBacklog(int sliceFragments, Duration yieldAfter) {
    return new UploaderSettings(
        streamName,
        region,
        controlEndpoint,
        createStream,
        retentionHours,
        mediaType,
        connectionStaleness,
        maxLatency,
        rotationPeriod,
        rotationMargin,
        backoff,
        stoppedRetry,
        sliceFragments,
        yieldAfter);
  }
}
