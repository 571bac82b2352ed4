package io.camappliance.core;

import io.camappliance.kvs.UploadState;
import io.camappliance.kvs.Uploader;
import io.camappliance.mkv.FragmenterStats;
import io.camappliance.store.StoreStats;
import java.util.Map;

/** One line of pipeline statistics for the console. */
final class StatusLine {
  private StatusLine() {}

  static String of(Pipeline p, Uplink uplink, long startedNanos) {
    FragmenterStats f = p.fragmenter().stats();
    StoreStats s = p.store().stats();
    double seconds = Math.max(1e-3, (System.nanoTime() - startedNanos) / 1e9);
    StringBuilder b = new StringBuilder();
    b.append(String.format("frames %d (%.1f/s)", f.frames(), f.frames() / seconds));
    b.append(String.format(", fragments %d (last %d ms)", f.fragments(), f.lastFragmentMillis()));
    b.append(String.format(", %.1f MB", f.bytes() / 1e6));
    b.append(
        String.format(
            " | store %d fragments, %.1f MB, %.1f s, evicted unsent %d frames",
            s.fragments(),
            s.bytesStored() / 1e6,
            s.bufferedDurationMillis() / 1e3,
            s.framesEvictedUnsent()));
    if (uplink != null && uplink.uploader() != null) {
      Uploader u = uplink.uploader();
      Map<String, Object> m = u.metrics().toMap();
      b.append(" | kvs ").append(u.state());
      b.append(
          String.format(
              " fragments sent %s received %s persisted %s, sessions %s",
              m.get("PutMedia.IncomingFragments"),
              m.get("fragmentsReceived"),
              m.get("fragmentsPersisted"),
              m.get("PutMedia.Requests")));
      if (u.state() != UploadState.STREAMING) {
        b.append(" (").append(u.message()).append(')');
      }
    }
    if (p.recording() != null) {
      b.append(" | recording ").append(p.recording().summary());
    }
    long dropped = f.framesDroppedWaitingForIdr() + f.framesDroppedEmpty() + p.framesDroppedByHub();
    if (dropped > 0) {
      b.append(" | dropped ").append(dropped).append(" frames");
    }
    return b.toString();
  }
}
