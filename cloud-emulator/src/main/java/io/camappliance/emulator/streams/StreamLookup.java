package io.camappliance.emulator.streams;

import java.util.Optional;

/** Finds a stream by name or ARN; what the media APIs need from the control plane's state. */
public interface StreamLookup {
  Optional<StreamInfo> byName(String streamName);

  Optional<StreamInfo> byArn(String streamArn);
}
