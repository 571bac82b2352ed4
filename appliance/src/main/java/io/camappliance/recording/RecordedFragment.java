package io.camappliance.recording;

import java.nio.file.Path;

/**
 * One fragment (one Cluster, a closed GOP) stored in a segment file, as listed by the index. The
 * segment file starts with the stream header ({@code headerLength} bytes) that the fragment needs
 * to be decoded or uploaded.
 *
 * @param offset where the fragment's bytes (Tags, Cluster header, SimpleBlocks) start in the file
 * @param timecodeMillis the fragment's absolute timecode (epoch ms)
 * @param durationMillis from the first frame to the end of the last frame
 */
public record RecordedFragment(
    Path segment,
    int headerLength,
    long offset,
    int length,
    long timecodeMillis,
    long durationMillis,
    int frameCount,
    long firstSequence,
    long lastSequence) {

  /** The end of the fragment in epoch ms (exclusive). */
  public long endMillis() {
    return timecodeMillis + durationMillis;
  }
}
