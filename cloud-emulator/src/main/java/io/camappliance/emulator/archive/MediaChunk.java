package io.camappliance.emulator.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * A chunk as GetMedia and GetMediaForFragmentList send it (kvs-data-model §9): the stored chunk
 * with the service's Tags inserted after the session header, and optionally more Tags after the
 * Cluster.
 *
 * <pre>
 * EBML | Segment(unknown) | Info | Tracks | Tags(service, before) | Tags(producer)* | Cluster
 *   | Tags(service, after)
 * </pre>
 *
 * The official parser library reads the fragment number and timestamps from the Tags before the
 * Cluster, and the continuation token and lag from Tags after it.
 */
final class MediaChunk {
  private MediaChunk() {}

  static void write(
      OutputStream out, StoredChunk chunk, Map<String, String> before, Map<String, String> after)
      throws IOException {
    byte[] b = chunk.bytes();
    out.write(b, 0, chunk.headerEnd());
    out.write(KvsTags.of(before));
    out.write(b, chunk.headerEnd(), b.length - chunk.headerEnd());
    if (!after.isEmpty()) {
      out.write(KvsTags.of(after));
    }
  }

  /** A timestamp tag value: epoch seconds with milliseconds, {@code 1700000000.123}. */
  static String seconds(Instant t) {
    return BigDecimal.valueOf(t.toEpochMilli(), 3).toPlainString();
  }
}
