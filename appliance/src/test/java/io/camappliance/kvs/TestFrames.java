package io.camappliance.kvs;

import io.camappliance.media.EncodedFrame;
import io.camappliance.media.VideoFormat;
import java.io.ByteArrayOutputStream;

/** Access units with real 320x240 parameter sets and placeholder slices, 30 fps. */
final class TestFrames {
  static final byte[] SPS = {
    0x67,
    0x42,
    (byte) 0xC0,
    0x0D,
    (byte) 0xD9,
    0x01,
    0x41,
    (byte) 0xFB,
    0x01,
    0x10,
    0x00,
    0x00,
    0x03,
    0x00,
    0x10,
    0x00,
    0x00,
    0x03,
    0x03,
    (byte) 0xC0,
    (byte) 0xF1,
    0x42,
    (byte) 0x99,
    0x20
  };
  static final byte[] PPS = {0x68, (byte) 0xCB, (byte) 0x83, (byte) 0xCB, 0x20};
  static final VideoFormat FORMAT = new VideoFormat("H264", 320, 240, 30, SPS, PPS);
  static final long FRAME_MICROS = 33_333;

  /** Frame {@code sequence} of a stream starting at {@code t0Micros} with a GOP of {@code gop}. */
  static EncodedFrame frame(long sequence, long t0Micros, int gop) {
    boolean key = sequence % gop == 0;
    long pts = t0Micros + sequence * FRAME_MICROS;
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    if (key) {
      nal(b, SPS);
      nal(b, PPS);
    }
    byte[] slice = new byte[300 + (int) (sequence % 11)];
    slice[0] = (byte) (key ? 0x65 : 0x41);
    for (int i = 1; i < slice.length; i++) {
      slice[i] = (byte) (sequence + i | 0x10);
    }
    nal(b, slice);
    byte[] data = b.toByteArray();
    return new EncodedFrame(sequence, pts, pts, pts, key, data, data.length, FORMAT);
  }

  private static void nal(ByteArrayOutputStream b, byte[] nal) {
    b.writeBytes(new byte[] {0, 0, 0, 1});
    b.writeBytes(nal);
  }

  private TestFrames() {}
}
