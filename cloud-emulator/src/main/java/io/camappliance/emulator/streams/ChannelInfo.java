package io.camappliance.emulator.streams;

import java.time.Instant;

/**
 * A signaling channel as the control plane describes it ({@code ChannelInfo}, KVS API reference).
 *
 * @param channelType SINGLE_MASTER (FULL_MESH is in the model but not offered by the service)
 * @param status CREATING, ACTIVE, UPDATING or DELETING
 * @param messageTtlSeconds {@code SingleMasterConfiguration.MessageTtlSeconds}, 5–120
 */
public record ChannelInfo(
    String channelName,
    String channelArn,
    String channelType,
    String status,
    Instant creationTime,
    int messageTtlSeconds,
    String version) {}
