package io.camappliance.kvs;

import io.camappliance.media.EncodedFrame;
import io.camappliance.mkv.SyntheticFrames;

/** A 320x240, 30 fps stream of synthetic access units with a fixed GOP. */
final class TestFrames {
  static final long FRAME_MICROS = 33_333;

  private TestFrames() {}

  /** Frame {@code sequence} of a stream starting at {@code t0Micros} with a GOP of {@code gop}. */
  static EncodedFrame frame(long sequence, long t0Micros, int gop) {
    return SyntheticFrames.frame(
        sequence, t0Micros + sequence * FRAME_MICROS, sequence % gop == 0, SyntheticFrames.FORMAT);
  }
}
