package io.camappliance.emulator.putmedia;

import java.time.Duration;

/**
 * PutMedia's quotas and timeouts (kvs-putmedia.md §5, §9); every one adjustable so tests can reach
 * them quickly.
 *
 * @param idleAckInterval how often IDLE is sent while no data arrives (the guide names no value)
 * @param idleTimeout a connection without data this long is closed (the service: 30 s)
 * @param maxFragmentBytes a larger Cluster gets ERROR 4001 (50 MB)
 * @param maxFragmentDuration a Cluster with a frame later than this gets ERROR 4002 (20 s)
 * @param minFragmentDuration a complete Cluster shorter than this gets ERROR 4002 with ErrorCode
 *     MIN_FRAGMENT_DURATION_REACHED; zero turns the check off (the default; data-model C3)
 * @param maxFragmentsPerSecond faster Clusters are throttled: the body is read more slowly, no ACK
 *     says so (5)
 * @param maxBytesPerSecond ingest bandwidth per connection, enforced the same way (12.5 MB/s)
 * @param maxCallsPerSecond more PutMedia calls per stream in one second get 400
 *     ClientLimitExceededException (5)
 * @param maxConnections more concurrent PutMedia connections (all streams) get 400
 *     ConnectionLimitExceededException
 * @param maxElementBytes the largest MKV element (header, frame, tag) accepted; a larger declared
 *     size is refused with ERROR 4006 before any of it is buffered
 * @param maxTags Tags (SimpleTag) per fragment; more get ERROR 4009 (10)
 * @param maxProducerClockSkew a fragment whose producer timestamp is further ahead of the
 *     emulator's clock gets ERROR 4007
 * @param supersededGrace after a newer connection for the same stream opens, the older one may
 *     still start Clusters for this long; its next Cluster after that ends it
 */
public record PutMediaSettings(
    Duration idleAckInterval,
    Duration idleTimeout,
    long maxFragmentBytes,
    Duration maxFragmentDuration,
    Duration minFragmentDuration,
    int maxFragmentsPerSecond,
    long maxBytesPerSecond,
    int maxCallsPerSecond,
    int maxConnections,
    int maxElementBytes,
    int maxTags,
    Duration maxProducerClockSkew,
    Duration supersededGrace) {

  /** The service's values. */
  public static PutMediaSettings defaults() {
    return new PutMediaSettings(
        Duration.ofSeconds(3),
        Duration.ofSeconds(30),
        50L * 1000 * 1000,
        Duration.ofSeconds(20),
        Duration.ZERO,
        5,
        12_500_000L,
        5,
        100,
        16 * 1024 * 1024,
        10,
        Duration.ofMinutes(10),
        Duration.ofSeconds(2));
  }

  public PutMediaSettings withIdle(Duration ackInterval, Duration timeout) {
    return new PutMediaSettings(
        ackInterval,
        timeout,
        maxFragmentBytes,
        maxFragmentDuration,
        minFragmentDuration,
        maxFragmentsPerSecond,
        maxBytesPerSecond,
        maxCallsPerSecond,
        maxConnections,
        maxElementBytes,
        maxTags,
        maxProducerClockSkew,
        supersededGrace);
  }

  public PutMediaSettings withFragmentLimits(
      long maxBytes, Duration maxDuration, Duration minDuration, int perSecond) {
    return new PutMediaSettings(
        idleAckInterval,
        idleTimeout,
        maxBytes,
        maxDuration,
        minDuration,
        perSecond,
        maxBytesPerSecond,
        maxCallsPerSecond,
        maxConnections,
        maxElementBytes,
        maxTags,
        maxProducerClockSkew,
        supersededGrace);
  }

  public PutMediaSettings withConnectionLimits(
      int callsPerSecond, int connections, long bytesPerSecond, Duration grace) {
    return new PutMediaSettings(
        idleAckInterval,
        idleTimeout,
        maxFragmentBytes,
        maxFragmentDuration,
        minFragmentDuration,
        maxFragmentsPerSecond,
        bytesPerSecond,
        callsPerSecond,
        connections,
        maxElementBytes,
        maxTags,
        maxProducerClockSkew,
        grace);
  }

  public PutMediaSettings withMaxElementBytes(int bytes) {
    return new PutMediaSettings(
        idleAckInterval,
        idleTimeout,
        maxFragmentBytes,
        maxFragmentDuration,
        minFragmentDuration,
        maxFragmentsPerSecond,
        maxBytesPerSecond,
        maxCallsPerSecond,
        maxConnections,
        bytes,
        maxTags,
        maxProducerClockSkew,
        supersededGrace);
  }
}
