package io.camappliance.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.media.PackagedFrame;
import io.camappliance.media.PackagedSink;
import io.camappliance.media.StreamHeader;
import io.camappliance.media.VideoFormat;
import java.nio.ByteBuffer;
import java.util.function.LongToIntFunction;

/**
 * Feeds a sink a synthetic packaged stream whose frames are recognisable by their bytes: frame
 * {@code s} has {@code size(s)} bytes, the first eight holding {@code s}, the rest a pattern
 * derived from {@code s}. Frame {@code s} lasts 40 ms from {@code BASE + 40 s}; a fragment starts
 * every {@code framesPerFragment} frames (unless told otherwise) and its timecode is its first
 * frame's. One PackagedFrame and one buffer are reused, as the real packager does.
 */
final class TestStream {
  static final long BASE_MILLIS = 1_700_000_000_000L;
  static final long FRAME_MILLIS = 40;
  static final VideoFormat FORMAT =
      new VideoFormat("H264", 640, 480, 25, new byte[] {0x67, 0x42, 0, 0x1e}, new byte[] {0x68});

  private final PackagedSink sink;
  private final int framesPerFragment;
  private final LongToIntFunction size;
  private final PackagedFrame frame = new PackagedFrame();
  private final ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
  private StreamHeader header = header(1);
  private long next;
  private long fragmentTimecode;

  TestStream(PackagedSink sink, int framesPerFragment, LongToIntFunction size) {
    this.sink = sink;
    this.framesPerFragment = framesPerFragment;
    this.size = size;
  }

  TestStream(PackagedSink sink, int framesPerFragment, int frameSize) {
    this(sink, framesPerFragment, s -> frameSize);
  }

  static StreamHeader header(long id) {
    return new StreamHeader(
        id, FORMAT, new byte[] {0x1a, 0x45, (byte) 0xdf, (byte) 0xa3, (byte) id});
  }

  static long timecode(long sequence) {
    return BASE_MILLIS + sequence * FRAME_MILLIS;
  }

  /** Sends the header, as the packager does before the first frame. */
  TestStream start() {
    sink.onHeader(header);
    return this;
  }

  /**
   * Switches to a new header (a format change): sent to the sink, the next frame opens a fragment.
   */
  TestStream changeHeader(StreamHeader newHeader) {
    header = newHeader;
    sink.onHeader(newHeader);
    return this;
  }

  StreamHeader header() {
    return header;
  }

  long nextSequence() {
    return next;
  }

  /** Appends {@code count} frames, a fragment start every framesPerFragment frames. */
  TestStream frames(int count) {
    for (int i = 0; i < count; i++) {
      frame(next % framesPerFragment == 0);
    }
    return this;
  }

  /** Appends one frame, opening a fragment when told to. */
  TestStream frame(boolean fragmentStart) {
    long s = next++;
    if (fragmentStart) {
      fragmentTimecode = timecode(s);
    }
    fill(buffer, s, size.applyAsInt(s));
    frame.set(
        buffer, fragmentStart, fragmentTimecode, timecode(s), FRAME_MILLIS, s, s * 1000, header);
    sink.onFrame(frame);
    return this;
  }

  /** Puts frame {@code s}'s bytes between position 0 and the limit. */
  static void fill(ByteBuffer buffer, long s, int length) {
    buffer.clear();
    for (int i = 0; i < length; i++) {
      buffer.put(expected(s, i));
    }
    buffer.flip();
  }

  private static byte expected(long s, int i) {
    return i < 8 ? (byte) (s >>> (56 - 8 * i)) : (byte) (s * 31 + i * 7 + (i >>> 8));
  }

  /** Asserts that the bytes between position and limit are exactly frame {@code s}'s. */
  static void assertFrameBytes(ByteBuffer bytes, long s, int length) {
    assertThat(bytes.remaining()).as("length of frame %d", s).isEqualTo(length);
    for (int i = 0; i < length; i++) {
      byte actual = bytes.get(bytes.position() + i);
      if (actual != expected(s, i)) {
        throw new AssertionError(
            "frame " + s + " byte " + i + " is " + actual + ", expected " + expected(s, i));
      }
    }
  }
}
