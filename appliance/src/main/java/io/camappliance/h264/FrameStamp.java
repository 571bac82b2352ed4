package io.camappliance.h264;

import java.util.Optional;

/**
 * The appliance's per-frame stamp: an SEI message of type {@code user_data_unregistered} (ITU-T
 * H.264 §D.1.7 / §D.2.7) with our own UUID, carrying the capture time and the frame's sequence
 * number. Every later stage (MKV, KVS, WebRTC, recordings) can count frames and measure latency by
 * reading it back.
 *
 * <pre>
 * NAL header   0x06                        (nal_ref_idc 0, nal_unit_type 6 = SEI)
 * payloadType  0x05                        (user_data_unregistered)
 * payloadSize  0x20                        (32 bytes)
 * uuid         16 bytes                    {@link #UUID}
 * capture      8 bytes, big-endian         capture wall clock, epoch microseconds
 * sequence     8 bytes, big-endian         frame sequence number
 * trailing     0x80                        (rbsp_stop_one_bit + alignment)
 * </pre>
 *
 * The payload is escaped for emulation prevention, so the NAL may be longer than 36 bytes.
 *
 * @param captureEpochMicros the wall-clock time the picture was captured
 * @param sequence the source's frame counter
 */
public record FrameStamp(long captureEpochMicros, long sequence) {

  /** Our UUID (random, fixed forever): {@code 5e1a5b4d-6f2c-4c6e-9a39-1f0c7d2b8a61}. */
  public static final byte[] UUID = {
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

  private static final int PAYLOAD_TYPE_USER_DATA_UNREGISTERED = 5;
  private static final int PAYLOAD_SIZE = 32;

  /** The SEI NAL unit (header byte included, escaped, no start code). */
  public byte[] toNalUnit() {
    byte[] raw = new byte[3 + PAYLOAD_SIZE + 1];
    raw[0] = 0x06;
    raw[1] = PAYLOAD_TYPE_USER_DATA_UNREGISTERED;
    raw[2] = PAYLOAD_SIZE;
    System.arraycopy(UUID, 0, raw, 3, 16);
    putLong(raw, 19, captureEpochMicros);
    putLong(raw, 27, sequence);
    raw[35] = (byte) 0x80;
    // The NAL header byte is never escaped; the RBSP after it is.
    byte[] out = new byte[1 + EmulationPrevention.escapedSize(raw, 1, raw.length - 1)];
    out[0] = raw[0];
    EmulationPrevention.escape(raw, 1, raw.length - 1, out, 1);
    return out;
  }

  /**
   * Reads our stamp from one NAL unit (header byte included, escaped, no start code).
   *
   * @return the stamp, or empty when this NAL is not an SEI carrying our UUID
   */
  public static Optional<FrameStamp> fromNalUnit(byte[] nal, int off, int len) {
    if (len < 2 || (nal[off] & 0x1F) != 6) {
      return Optional.empty();
    }
    byte[] rbsp = EmulationPrevention.unescape(nal, off + 1, len - 1);
    int i = 0;
    // sei_message() loop (§7.3.2.3.1): type and size are coded as runs of 0xFF plus a last byte.
    while (i < rbsp.length && (rbsp[i] & 0xFF) != 0x80) {
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
      if (type == PAYLOAD_TYPE_USER_DATA_UNREGISTERED
          && size >= PAYLOAD_SIZE
          && java.util.Arrays.equals(rbsp, i, i + 16, UUID, 0, 16)) {
        return Optional.of(new FrameStamp(getLong(rbsp, i + 16), getLong(rbsp, i + 24)));
      }
      i += size;
    }
    return Optional.empty();
  }

  private static void putLong(byte[] b, int off, long v) {
    for (int k = 7; k >= 0; k--) {
      b[off + k] = (byte) v;
      v >>>= 8;
    }
  }

  private static long getLong(byte[] b, int off) {
    long v = 0;
    for (int k = 0; k < 8; k++) {
      v = (v << 8) | (b[off + k] & 0xFF);
    }
    return v;
  }
}
