package io.camappliance.emulator.archive;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds stored chunks byte by byte for parser tests (Matroska IDs as in kvs-data-model §1.1). */
public final class ChunkBytes {
  private ChunkBytes() {}

  /** An element with a 1-byte size (data under 127 bytes). */
  public static byte[] el(int id, byte[]... data) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] d : data) {
      body.writeBytes(d);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(id(id));
    int n = body.size();
    if (n < 0x7F) {
      out.write(0x80 | n);
    } else {
      out.write(0x40 | (n >>> 8));
      out.write(n);
    }
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  public static byte[] unknownSize(int id) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(id(id));
    out.write(0xFF);
    return out.toByteArray();
  }

  public static byte[] u(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      b[i] = (byte) bytes[i];
    }
    return b;
  }

  public static byte[] s(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /**
   * A chunk: EBML header, Segment, Info (TimecodeScale 1 ms), Tracks with one H.264 track 1 of
   * 320x240 carrying {@code cpd} (none when null), a producer Tags, and a Cluster at timecode 1000
   * with a key frame at 0 and a frame at +33.
   */
  public static byte[] chunk(byte[] cpd) {
    byte[] track =
        el(
            0xAE,
            el(0xD7, u(1)),
            el(0x83, u(1)),
            el(0x86, s("V_MPEG4/ISO/AVC")),
            cpd == null ? new byte[0] : el(0x63A2, cpd),
            el(0xE0, el(0xB0, u(0x01, 0x40)), el(0xBA, u(0x00, 0xF0))));
    return concat(
        el(0x1A45DFA3, el(0x4282, s("matroska"))),
        unknownSize(0x18538067),
        el(0x1549A966, el(0x2AD7B1, u(0x0F, 0x42, 0x40))),
        el(0x1654AE6B, track),
        el(0x1254C367, el(0x7373, el(0x67C8, el(0x45A3, s("K")), el(0x4487, s("v"))))),
        unknownSize(0x1F43B675),
        el(0xE7, u(0x03, 0xE8)),
        el(0xA3, u(0x81, 0x00, 0x00, 0x80, 0, 0, 0, 2, 0x65, 0x88)),
        el(0xA3, u(0x81, 0x00, 0x21, 0x00, 0, 0, 0, 2, 0x41, 0x9A)));
  }

  /** A minimal AVCDecoderConfigurationRecord: High profile, level 1.3, 4-byte lengths. */
  public static byte[] avcC() {
    return u(
        0x01, 0x64, 0x00, 0x0D, 0xFF, 0xE1, 0x00, 0x04, 0x67, 0x64, 0x00, 0x0D, 0x01, 0x00, 0x02,
        0x68, 0xEE);
  }

  private static byte[] id(int id) {
    int n = id > 0xFFFFFF ? 4 : id > 0xFFFF ? 3 : id > 0xFF ? 2 : 1;
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (id >>> (8 * (n - 1 - i)));
    }
    return b;
  }
}
