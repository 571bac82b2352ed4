package io.camappliance.store;

/**
 * The buffered fragments: each one's first frame index and its (Cluster) timecode, the value
 * acknowledgements name. Indexed by fragment number modulo the slot count; a fragment has at least
 * one frame, so there are never more fragments than frames.
 */
final class FragmentTable {
  private final int mask;
  private final long[] firstFrame;
  private final long[] timecode;

  FragmentTable(int maxFrames) {
    int slots = Integer.highestOneBit(Math.max(1, maxFrames - 1)) << 1;
    mask = slots - 1;
    firstFrame = new long[slots];
    timecode = new long[slots];
  }

  void put(long fragment, long first, long timecodeMillis) {
    int s = (int) fragment & mask;
    firstFrame[s] = first;
    timecode[s] = timecodeMillis;
  }

  long firstFrame(long fragment) {
    return firstFrame[(int) fragment & mask];
  }

  long timecode(long fragment) {
    return timecode[(int) fragment & mask];
  }
}
