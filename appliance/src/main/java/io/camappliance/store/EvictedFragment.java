package io.camappliance.store;

import io.camappliance.media.StreamHeader;
import java.nio.ByteBuffer;

/**
 * A fragment the store is about to evict, as shown to an {@link EvictionListener}: its header and
 * its frames' metadata and bytes, still intact in the store. One instance is reused for every
 * eviction and is only valid during the listener call.
 */
public final class EvictedFragment {
  private final FrameTable frames;
  private final HeaderTable headers;
  private final ByteBuffer view;
  private long firstFrame;
  private int frameCount;
  private long unsentFrames;
  private long timecodeMillis;
  private boolean received;

  EvictedFragment(FrameTable frames, HeaderTable headers, ByteArena arena) {
    this.frames = frames;
    this.headers = headers;
    this.view = ByteBuffer.wrap(arena.bytes).asReadOnlyBuffer();
  }

  void set(long first, long end, long unsent, long timecode, boolean wasReceived) {
    firstFrame = first;
    frameCount = (int) (end - first);
    unsentFrames = unsent;
    timecodeMillis = timecode;
    received = wasReceived;
  }

  /** The stream header the fragment's frames need in front of them. */
  public StreamHeader header() {
    return headers.get(frames.headerNumber(firstFrame));
  }

  /** The fragment's (Cluster's) absolute timecode, epoch milliseconds. */
  public long fragmentTimecodeMillis() {
    return timecodeMillis;
  }

  public int frameCount() {
    return frameCount;
  }

  /** How many of the fragment's frames (its last ones) were never sent. */
  public long unsentFrames() {
    return unsentFrames;
  }

  /**
   * True when the service acknowledged the fragment as RECEIVED but the store still waited for
   * PERSISTED.
   */
  public boolean received() {
    return received;
  }

  /** Fills {@code into} with the metadata of frame {@code i} (0 is the fragment's first frame). */
  public void frame(int i, StoreItem into) {
    long index = index(i);
    frames.read(index, into, headers.get(frames.headerNumber(index)));
  }

  /**
   * The bytes of frame {@code i}, between position and limit of a read-only buffer that is reused
   * for every call.
   */
  public ByteBuffer frameBytes(int i) {
    long index = index(i);
    int offset = frames.offset(index);
    view.clear();
    view.position(offset).limit(offset + frames.length(index));
    return view;
  }

  private long index(int i) {
    if (i < 0 || i >= frameCount) {
      throw new IndexOutOfBoundsException(
          "frame " + i + " of an evicted fragment with " + frameCount + " frames");
    }
    return firstFrame + i;
  }
}
