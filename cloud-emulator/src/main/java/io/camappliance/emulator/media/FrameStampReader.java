package io.camappliance.emulator.media;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Finds the appliance's frame stamp in an AVCC access unit (ITU-T H.264 §7.3.2.3 SEI, §D.1.6
 * user_data_unregistered; ISO/IEC 14496-15 length-prefixed NAL units).
 *
 * <pre>
 * AVCC frame:  | len (4, BE) | NAL | len (4, BE) | NAL | ...
 * SEI NAL:     | 0x06 | payloadType=5 | payloadSize=32 | uuid (16) | captureMicros (8, BE) |
 *              | sequence (8, BE) | ... | rbsp_trailing 0x80 |
 * </pre>
 *
 * The SEI payload is escaped with emulation prevention (00 00 03 0x for x ≤ 3); this reader removes
 * the 0x03 bytes before reading. The UUID is 5e1a5b4d-6f2c-4c6e-9a39-1f0c7d2b8a61; SEI messages
 * with other UUIDs (an encoder's version string, for example) are skipped.
 */
public final class FrameStampReader {
  public static final byte[] STAMP_UUID = {
    0x5e,
    0x1a,
    0x5b,
    0x4d,
    0x6f,
    0x2c,
    0x4c,
    0x6e,
    (byte) 0x9a,
    0x39,
    0x1f,
    0x0c,
    0x7d,
    0x2b,
    (byte) 0x8a,
    0x61
  };
  private static final int NAL_TYPE_SEI = 6;
  private static final int PAYLOAD_USER_DATA_UNREGISTERED = 5;
  private static final int STAMP_PAYLOAD_SIZE = 32;

  private FrameStampReader() {}

  /**
   * @param frame an AVCC access unit; its position and limit are left unchanged
   * @return the stamp, or empty when the frame carries none or is not well-formed AVCC
   */
  public static Optional<FrameStamp> find(ByteBuffer frame) {
    int pos = frame.position();
    int end = frame.limit();
    while (end - pos >= 4) {
      long len = frame.getInt(pos) & 0xFFFFFFFFL;
      pos += 4;
      if (len == 0 || len > end - pos) {
        return Optional.empty();
      }
      if ((frame.get(pos) & 0x1F) == NAL_TYPE_SEI) {
        Optional<FrameStamp> s = fromSei(unescape(frame, pos + 1, pos + (int) len));
        if (s.isPresent()) {
          return s;
        }
      }
      pos += (int) len;
    }
    return Optional.empty();
  }

  /** The RBSP of the NAL payload between {@code from} and {@code to}, 0x03 escapes removed. */
  static byte[] unescape(ByteBuffer b, int from, int to) {
    byte[] out = new byte[to - from];
    int n = 0;
    int zeros = 0;
    for (int i = from; i < to; i++) {
      int v = b.get(i) & 0xFF;
      if (zeros >= 2 && v == 3) {
        zeros = 0;
        continue;
      }
      zeros = v == 0 ? zeros + 1 : 0;
      out[n++] = (byte) v;
    }
    return java.util.Arrays.copyOf(out, n);
  }

  private static Optional<FrameStamp> fromSei(byte[] rbsp) {
    int i = 0;
    // more_rbsp_data: stop at the trailing 0x80 byte
    while (rbsp.length - i > 1) {
      int type = 0;
      while (i < rbsp.length && (rbsp[i] & 0xFF) == 0xFF) {
        type += 255;
        i++;
      }
      if (i >= rbsp.length) {
        return Optional.empty();
      }
      type += rbsp[i++] & 0xFF;
      int size = 0;
      while (i < rbsp.length && (rbsp[i] & 0xFF) == 0xFF) {
        size += 255;
        i++;
      }
      if (i >= rbsp.length) {
        return Optional.empty();
      }
      size += rbsp[i++] & 0xFF;
      if (size > rbsp.length - i) {
        return Optional.empty();
      }
      if (type == PAYLOAD_USER_DATA_UNREGISTERED
          && size >= STAMP_PAYLOAD_SIZE
          && java.util.Arrays.equals(rbsp, i, i + 16, STAMP_UUID, 0, 16)) {
        ByteBuffer p = ByteBuffer.wrap(rbsp, i + 16, 16);
        return Optional.of(new FrameStamp(p.getLong(), p.getLong()));
      }
      i += size;
    }
    return Optional.empty();
  }
}
