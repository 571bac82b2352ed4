package io.camappliance.store;

import io.camappliance.media.PackagedFrame;
import io.camappliance.media.StreamHeader;

/**
 * Metadata of the buffered frames as parallel primitive arrays (one slot per content-view item),
 * indexed by the store's frame index modulo a power-of-two slot count. Allocated once; writing a
 * frame only stores primitives.
 */
final class FrameTable {
  private final int mask;
  private final int[] offset;
  private final int[] length;
  private final long[] timecode;
  private final long[] duration;
  private final long[] fragmentTimecode;
  private final long[] sequence;
  private final long[] captureMicros;
  private final long[] fragment;
  private final long[] headerNumber;
  private final boolean[] fragmentStart;

  FrameTable(int maxFrames) {
    int slots = Integer.highestOneBit(Math.max(1, maxFrames - 1)) << 1;
    mask = slots - 1;
    offset = new int[slots];
    length = new int[slots];
    timecode = new long[slots];
    duration = new long[slots];
    fragmentTimecode = new long[slots];
    sequence = new long[slots];
    captureMicros = new long[slots];
    fragment = new long[slots];
    headerNumber = new long[slots];
    fragmentStart = new boolean[slots];
  }

  void put(long index, int at, int size, PackagedFrame f, long fragmentNumber, long header) {
    int s = (int) index & mask;
    offset[s] = at;
    length[s] = size;
    timecode[s] = f.timecodeMillis();
    duration[s] = f.durationMillis();
    fragmentTimecode[s] = f.fragmentTimecodeMillis();
    sequence[s] = f.sequence();
    captureMicros[s] = f.captureEpochMicros();
    fragment[s] = fragmentNumber;
    headerNumber[s] = header;
    fragmentStart[s] = f.fragmentStart();
  }

  void read(long index, StoreItem into, StreamHeader header) {
    int s = (int) index & mask;
    into.set(
        index,
        sequence[s],
        timecode[s],
        duration[s],
        fragmentTimecode[s],
        captureMicros[s],
        fragmentStart[s],
        length[s],
        header);
  }

  int offset(long index) {
    return offset[(int) index & mask];
  }

  int length(long index) {
    return length[(int) index & mask];
  }

  long timecode(long index) {
    return timecode[(int) index & mask];
  }

  /** Where the frame's media ends: timecode plus duration. */
  long end(long index) {
    int s = (int) index & mask;
    return timecode[s] + duration[s];
  }

  long fragment(long index) {
    return fragment[(int) index & mask];
  }

  long headerNumber(long index) {
    return headerNumber[(int) index & mask];
  }

  boolean fragmentStart(long index) {
    return fragmentStart[(int) index & mask];
  }
}
