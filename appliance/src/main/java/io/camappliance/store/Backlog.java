package io.camappliance.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Store-and-forward: fragments that left the RAM {@link ContentStore} before the service
 * acknowledged them wait here (on disk) until an uploader sends them and the service acknowledges
 * them (KVS PutMedia reference, "Reconnect and replay"; edge recording reference, "Uploader job").
 *
 * <p>The store hands evicted fragments to it as an {@link EvictionListener}; fragments the service
 * already acknowledged RECEIVED are not kept. The uploader reads them oldest first in capture
 * order, sends each as its stream header followed by the fragment's bytes (in a PutMedia connection
 * of their own: fragment timecodes must grow within one connection), and removes each one only
 * after its RECEIVED or PERSISTED acknowledgement.
 *
 * <p>Implementations are thread safe: the store's writer thread adds, the uploader reads and
 * removes, statistics are read from any thread.
 */
public interface Backlog extends EvictionListener {

  /** Up to {@code max} waiting fragments, oldest first; empty when nothing waits. */
  List<BacklogEntry> oldest(int max);

  /**
   * The stream header bytes (EBML header, Segment, Info, Tracks) the entry's fragment needs in
   * front of it. Entries with equal {@link BacklogEntry#headerKey()} have equal headers.
   */
  byte[] header(BacklogEntry entry) throws IOException;

  /** The fragment's bytes exactly as the store held them: Tags, Cluster header, SimpleBlocks. */
  ByteBuffer read(BacklogEntry entry) throws IOException;

  /**
   * Deletes the fragment with this timecode because the service acknowledged it (or a live
   * connection's late acknowledgement covered it).
   *
   * @return false when no such fragment waits
   */
  boolean remove(long fragmentTimecodeMillis) throws IOException;

  /** A snapshot of the counters, for metrics and the status page. */
  BacklogStats stats();
}
