package io.camappliance.kvs;

import io.camappliance.store.BacklogStats;
import io.camappliance.store.StoreStats;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The parts of the uploader's JSON status that describe the content store and the backlog. */
final class UploadStatus {
  private UploadStatus() {}

  /** Seconds until {@code expiry} at {@code now}, 0 once past, -1 for credentials that never do. */
  static long secondsLeft(Instant expiry, Instant now) {
    return expiry.equals(Instant.MAX) ? -1 : Math.max(0, Duration.between(now, expiry).toSeconds());
  }

  static void putStore(Map<String, Object> m, StoreStats st) {
    m.put("bufferedDurationMillis", st.bufferedDurationMillis());
    m.put("unsentDurationMillis", st.unsentDurationMillis());
    Map<String, Object> dropped = new LinkedHashMap<>();
    dropped.put("evictedBeforeSending", st.framesEvictedUnsent());
    dropped.put("storeCouldNotHold", st.framesDropped());
    m.put("storeFramesDropped", dropped);
  }

  static Map<String, Object> backlog(BacklogStats b, long nowMillis) {
    Map<String, Object> bm = new LinkedHashMap<>();
    bm.put("fragments", b.fragments());
    bm.put("frames", b.frames());
    bm.put("bytes", b.bytes());
    bm.put("durationMillis", b.durationMillis());
    bm.put(
        "oldestAgeSeconds",
        b.oldestTimecodeMillis() < 0
            ? 0
            : Math.max(0, (nowMillis - b.oldestTimecodeMillis()) / 1000));
    bm.put("fragmentsDropped", b.fragmentsDropped());
    bm.put("framesDropped", b.framesDropped());
    return bm;
  }
}
