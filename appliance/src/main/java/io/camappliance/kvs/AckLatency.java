package io.camappliance.kvs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The time from sending a fragment's first byte to one kind of ACK for it: count, mean, the latest
 * and the largest, in milliseconds. Thread safe; allocates nothing when recording.
 */
final class AckLatency {
  private long count;
  private long sumMillis;
  private long maxMillis;
  private long lastMillis;

  synchronized void record(long millis) {
    count++;
    sumMillis += millis;
    lastMillis = millis;
    maxMillis = Math.max(maxMillis, millis);
  }

  synchronized Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", count);
    m.put("meanMillis", count == 0 ? 0 : sumMillis / count);
    m.put("lastMillis", lastMillis);
    m.put("maxMillis", maxMillis);
    return m;
  }
}
