package io.camappliance.emulator.streams;

import java.time.Instant;

/**
 * A stream as the control plane describes it ({@code StreamInfo}, KVS API reference).
 *
 * @param status CREATING, ACTIVE, UPDATING or DELETING
 * @param dataRetentionInHours 0 means no retention: PutMedia sends no PERSISTED ACKs
 */
public record StreamInfo(
    String streamName,
    String streamArn,
    String deviceName,
    String mediaType,
    String kmsKeyId,
    String version,
    String status,
    Instant creationTime,
    int dataRetentionInHours) {}
