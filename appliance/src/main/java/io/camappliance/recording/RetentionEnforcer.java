package io.camappliance.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Applies the deletion rules of the KVS Edge Agent {@code DeletionConfig} to whole segments: a
 * segment whose last fragment ended more than {@code EdgeRetentionInHours} ago is deleted, and at
 * the size cap under DELETE_OLDEST_MEDIA the oldest segments go first. The segment being written is
 * never deleted. Runs on the recorder's writer thread.
 */
final class RetentionEnforcer {
  private final RecordingIndex index;
  private final Path dir;
  private final long retentionMillis;
  private final long capBytes;

  RetentionEnforcer(RecordingIndex index, RecordingSettings settings) {
    this.index = index;
    this.dir = settings.directory();
    this.retentionMillis = settings.edgeRetentionInHours() * 3_600_000L;
    this.capBytes = settings.maxLocalMediaSizeBytes();
  }

  /** Deletes expired segments; returns how many. */
  int deleteExpired(long nowMillis, SegmentName open) throws IOException {
    int n = 0;
    SegmentName oldest;
    while ((oldest = index.oldestExcept(open)) != null
        && index.endMillis(oldest) < nowMillis - retentionMillis) {
      delete(oldest);
      n++;
    }
    return n;
  }

  /** True when {@code pendingBytes} more would keep the media under the cap. */
  boolean fits(long pendingBytes) {
    return index.totalBytes() + pendingBytes < capBytes;
  }

  /**
   * Deletes oldest segments until {@code pendingBytes} more fit under the cap or only the open
   * segment is left; returns whether it fits now.
   */
  boolean makeRoom(long pendingBytes, SegmentName open) throws IOException {
    SegmentName oldest;
    while (!fits(pendingBytes) && (oldest = index.oldestExcept(open)) != null) {
      delete(oldest);
    }
    return fits(pendingBytes);
  }

  private void delete(SegmentName name) throws IOException {
    index.removeSegment(name);
    Files.deleteIfExists(name.data(dir));
    Files.deleteIfExists(name.index(dir));
  }
}
