package io.camappliance.emulator.putmedia;

import io.camappliance.emulator.streams.StreamInfo;
import io.camappliance.emulator.streams.StreamLookup;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Streams for PutMedia tests, without the control plane. */
final class InMemoryStreams implements StreamLookup {
  private final Map<String, StreamInfo> byName = new ConcurrentHashMap<>();

  StreamInfo add(String name, int retentionHours) {
    StreamInfo s =
        new StreamInfo(
            name,
            "arn:aws:kinesisvideo:us-west-2:123456789012:stream/" + name + "/1700000000000",
            "device",
            "video/h264",
            null,
            "1",
            "ACTIVE",
            Instant.now(),
            retentionHours);
    byName.put(name, s);
    return s;
  }

  void delete(String name) {
    byName.remove(name);
  }

  @Override
  public Optional<StreamInfo> byName(String streamName) {
    return Optional.ofNullable(byName.get(streamName));
  }

  @Override
  public Optional<StreamInfo> byArn(String streamArn) {
    return byName.values().stream().filter(s -> s.streamArn().equals(streamArn)).findFirst();
  }
}
