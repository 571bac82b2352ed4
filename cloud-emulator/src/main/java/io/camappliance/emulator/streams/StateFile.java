package io.camappliance.emulator.streams;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * The JSON document {@link StreamStore} keeps on disk: every stream with its tags and every
 * signaling channel. Times are epoch milliseconds.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record StateFile(List<StreamEntry> streams, List<ChannelEntry> channels) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  record StreamEntry(
      String streamName,
      String streamArn,
      String deviceName,
      String mediaType,
      String kmsKeyId,
      String version,
      String status,
      long creationTimeMillis,
      int dataRetentionInHours,
      Map<String, String> tags) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ChannelEntry(
      String channelName,
      String channelArn,
      String channelType,
      String status,
      long creationTimeMillis,
      int messageTtlSeconds,
      String version,
      Map<String, String> tags) {}
}
