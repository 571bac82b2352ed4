package io.camappliance.recording;

import io.camappliance.media.PackagedFrame;
import io.camappliance.media.StreamHeader;
import java.nio.ByteBuffer;

/**
 * The bounded hand-off between the packager thread (one producer) and the recorder's writer thread
 * (one consumer): frame bytes go into a preallocated byte ring, their fields into preallocated
 * parallel arrays. {@link #offer} never blocks and never allocates; when either the bytes or the
 * slots run out it returns false and the caller drops the frame.
 *
 * <p>Publication: the producer fills a slot, then advances {@code published} (volatile); the
 * consumer reads the slot, then advances {@code consumed} and {@code freedBytes} (volatile).
 */
final class FrameRing {
  private final byte[] bytes;
  private final int slots;
  private final long[] start;
  private final int[] length;
  private final boolean[] fragmentStart;
  private final long[] fragmentTimecode;
  private final long[] timecode;
  private final long[] duration;
  private final long[] sequence;
  private final StreamHeader[] header;
  private final boolean[] boundary;

  private long writtenBytes; // producer only
  private volatile long freedBytes;
  private volatile long published;
  private volatile long consumed;

  FrameRing(int capacityBytes, int capacityFrames) {
    bytes = new byte[capacityBytes];
    slots = capacityFrames;
    start = new long[slots];
    length = new int[slots];
    fragmentStart = new boolean[slots];
    fragmentTimecode = new long[slots];
    timecode = new long[slots];
    duration = new long[slots];
    sequence = new long[slots];
    header = new StreamHeader[slots];
    boundary = new boolean[slots];
  }

  /** Copies the frame in; false when it does not fit now. Producer thread only. */
  boolean offer(PackagedFrame f, StreamHeader h) {
    ByteBuffer src = f.bytes();
    int len = src.remaining();
    long p = published;
    if (p - consumed >= slots || writtenBytes + len - freedBytes > bytes.length) {
      return false;
    }
    int at = (int) (writtenBytes % bytes.length);
    int first = Math.min(len, bytes.length - at);
    src.get(src.position(), bytes, at, first);
    if (first < len) {
      src.get(src.position() + first, bytes, 0, len - first);
    }
    int s = (int) (p % slots);
    start[s] = writtenBytes;
    length[s] = len;
    fragmentStart[s] = f.fragmentStart();
    fragmentTimecode[s] = f.fragmentTimecodeMillis();
    timecode[s] = f.timecodeMillis();
    duration[s] = f.durationMillis();
    sequence[s] = f.sequence();
    header[s] = h;
    boundary[s] = false;
    writtenBytes += len;
    published = p + 1;
    return true;
  }

  /**
   * Queues a fragment boundary without bytes (a new header, or the end of the stream), so the
   * writer completes the open fragment in order with the frames; false when no slot is free.
   */
  boolean offerBoundary() {
    long p = published;
    if (p - consumed >= slots) {
      return false;
    }
    int s = (int) (p % slots);
    start[s] = writtenBytes;
    length[s] = 0;
    boundary[s] = true;
    header[s] = null;
    published = p + 1;
    return true;
  }

  boolean boundary(int s) {
    return boundary[s];
  }

  boolean isEmpty() {
    return consumed == published;
  }

  /** The oldest frame's slot index; call only when not empty. Consumer thread only. */
  int peek() {
    return (int) (consumed % slots);
  }

  /** Writes the slot's bytes into {@code sink} views over the ring (one or two slices). */
  ByteBuffer[] slices(int s, ByteBuffer[] views) {
    int at = (int) (start[s] % bytes.length);
    int len = length[s];
    int first = Math.min(len, bytes.length - at);
    views[0].limit(at + first).position(at);
    views[1].limit(len - first).position(0);
    return views;
  }

  /** Two reusable views over the ring's bytes, for {@link #slices}. */
  ByteBuffer[] newViews() {
    return new ByteBuffer[] {ByteBuffer.wrap(bytes), ByteBuffer.wrap(bytes)};
  }

  /** Frees the oldest slot. Consumer thread only. */
  void release() {
    int s = (int) (consumed % slots);
    header[s] = null;
    freedBytes += length[s];
    consumed++;
  }

  int length(int s) {
    return length[s];
  }

  boolean fragmentStart(int s) {
    return fragmentStart[s];
  }

  long fragmentTimecode(int s) {
    return fragmentTimecode[s];
  }

  long timecode(int s) {
    return timecode[s];
  }

  long duration(int s) {
    return duration[s];
  }

  long sequence(int s) {
    return sequence[s];
  }

  StreamHeader header(int s) {
    return header[s];
  }
}
