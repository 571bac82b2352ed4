package io.camappliance.emulator.archive;

import io.camappliance.emulator.media.FragmentRecord;
import io.camappliance.emulator.media.FragmentStore;
import java.time.Instant;
import java.util.List;

/**
 * Which fragments a time range selects (KVS API reference §7.1 {@code FragmentSelector}): those
 * whose start timestamp, producer or server, is within {@code [start, end]}, both inclusive.
 */
record FragmentSelector(String type, Instant start, Instant end) {
  static final List<String> TYPES = List.of("PRODUCER_TIMESTAMP", "SERVER_TIMESTAMP");

  /** Reads {@code {FragmentSelectorType, TimestampRange: {StartTimestamp, EndTimestamp}}}. */
  static FragmentSelector read(ArchiveRequest selector) {
    String type = selector.enumValue("FragmentSelectorType", true, TYPES, null);
    ArchiveRequest range = selector.object("TimestampRange", true);
    Instant start = range.timestamp("StartTimestamp", true);
    Instant end = range.timestamp("EndTimestamp", true);
    if (end.isBefore(start)) {
      throw ArchiveException.invalidArgument(
          "EndTimestamp " + end + " is before StartTimestamp " + start + ".");
    }
    return new FragmentSelector(type, start, end);
  }

  List<FragmentRecord> select(FragmentStore store, String stream) {
    return type.equals("PRODUCER_TIMESTAMP")
        ? store.byProducerTime(stream, start, end)
        : store.byServerTime(stream, start, end);
  }
}
