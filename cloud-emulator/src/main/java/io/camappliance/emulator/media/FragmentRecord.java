package io.camappliance.emulator.media;

import java.time.Instant;
import java.util.List;

/**
 * What the store keeps about one fragment (KVS "Fragment": number, timestamps, duration, size),
 * plus what the appliance's frame stamps say about the frames in it.
 *
 * @param fragmentNumber decimal string, increasing across the whole emulator
 * @param fragmentTimecode the Cluster Timecode as sent (TimecodeScale ticks; relative in RELATIVE
 *     mode)
 * @param producerTimestamp the fragment's start in producer time
 * @param serverTimestamp when its first byte arrived
 * @param sizeBytes size of the stored chunk (session header + tags + cluster)
 * @param frameCount frames (SimpleBlocks) in the fragment
 * @param sequences the SEI sequence numbers of its frames, as runs in arrival order; empty when no
 *     frame carried a stamp
 * @param duplicate true when an earlier fragment of the stream has the same producer timestamp (a
 *     producer resent it after a reconnect)
 */
public record FragmentRecord(
    String streamName,
    String fragmentNumber,
    long fragmentTimecode,
    Instant producerTimestamp,
    Instant serverTimestamp,
    long durationMillis,
    long sizeBytes,
    int frameCount,
    List<SequenceRange> sequences,
    boolean duplicate) {

  /** The first stamped sequence number, or -1. */
  public long firstSequence() {
    return sequences.isEmpty() ? -1 : sequences.get(0).first();
  }

  /** The last stamped sequence number, or -1. */
  public long lastSequence() {
    return sequences.isEmpty() ? -1 : sequences.get(sequences.size() - 1).last();
  }

  /** The fragment's end in producer time. */
  public Instant producerEnd() {
    return producerTimestamp.plusMillis(durationMillis);
  }
}
