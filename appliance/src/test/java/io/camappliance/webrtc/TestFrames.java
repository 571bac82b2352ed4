package io.camappliance.webrtc;

import io.camappliance.media.EncodedFrame;
import io.camappliance.media.VideoFormat;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/** Small H.264 access units for tests: an IDR with SPS and PPS, and P frames. */
final class TestFrames {
  /** Constrained Baseline level 3.0, 640x360, 25 fps (as libopenh264 writes it). */
  static final byte[] SPS =
      HexFormat.of().parseHex("6742c01eda0280bfe5c044000003000400000300c83c58ba80");

  static final byte[] PPS = HexFormat.of().parseHex("68ce3c80");
  static final VideoFormat FORMAT = new VideoFormat("H264", 640, 360, 25, SPS, PPS);
  static final long START_MICROS = 1_700_000_000_000_000L;
  static final long FRAME_MICROS = 40_000;

  private TestFrames() {}

  /** Frame {@code n}: an IDR of {@code size} slice bytes when {@code key}, else a P frame. */
  static EncodedFrame frame(long n, boolean key, int size) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (key) {
      nal(out, SPS);
      nal(out, PPS);
    }
    byte[] slice = new byte[size];
    slice[0] = (byte) (key ? 0x65 : 0x41);
    for (int i = 1; i < size; i++) {
      slice[i] = (byte) (1 + (n + i) % 250);
    }
    nal(out, slice);
    byte[] data = out.toByteArray();
    long pts = START_MICROS + n * FRAME_MICROS;
    return new EncodedFrame(n, pts, pts, pts + 123, key, data, data.length, FORMAT);
  }

  private static void nal(ByteArrayOutputStream out, byte[] nal) {
    out.write(0);
    out.write(0);
    out.write(0);
    out.write(1);
    out.writeBytes(nal);
  }
}
