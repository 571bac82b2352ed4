package io.camappliance.mkv;

import io.camappliance.media.EncodedFrame;
import io.camappliance.media.VideoFormat;
import java.io.ByteArrayOutputStream;

/** Access units with real parameter sets and placeholder slices, for packaging tests. */
public final class SyntheticFrames {
  /** SPS of a 320x240 baseline stream (level 1.3) as x264 writes it. */
  public static final byte[] SPS = {
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

  public static final byte[] PPS = {0x68, (byte) 0xCB, (byte) 0x83, (byte) 0xCB, 0x20};

  public static final VideoFormat FORMAT = new VideoFormat("H264", 320, 240, 30, SPS, PPS);

  public static EncodedFrame frame(long sequence, long ptsMicros, boolean key, VideoFormat format) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    if (key) {
      nal(b, format.sps());
      nal(b, format.pps());
    }
    byte[] slice = new byte[100 + (int) (sequence % 7)];
    slice[0] = (byte) (key ? 0x65 : 0x41);
    for (int i = 1; i < slice.length; i++) {
      slice[i] = (byte) (sequence + i | 0x10);
    }
    nal(b, slice);
    byte[] data = b.toByteArray();
    return new EncodedFrame(
        sequence, ptsMicros, ptsMicros, ptsMicros, key, data, data.length, format);
  }

  private static void nal(ByteArrayOutputStream b, byte[] nal) {
    b.writeBytes(new byte[] {0, 0, 0, 1});
    b.writeBytes(nal);
  }

  private SyntheticFrames() {}
}
