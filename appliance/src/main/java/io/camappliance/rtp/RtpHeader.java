package io.camappliance.rtp;

/**
 * The RTP fixed header (RFC 3550 §5.1), as the appliance sends it: version 2, no padding, no header
 * extension, no contributing sources.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           timestamp                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           synchronization source (SSRC) identifier            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * </pre>
 *
 * P, X and CC are always 0: the appliance is the only source of its stream (no mixer, so no CSRC
 * list), SRTP's own trailer does not need RTP padding, and no header extension is negotiated.
 */
public final class RtpHeader {
  private RtpHeader() {}

  /** Size of the fixed header: 12 bytes. */
  public static final int SIZE = 12;

  /** The RTP version this header carries (the two top bits of the first byte). */
  public static final int VERSION = 2;

  /**
   * Writes the fixed header at {@code dst[off, off+12)}.
   *
   * @param marker the M bit: for H.264 (RFC 6184 §5.1), set on the last packet of an access unit
   * @param payloadType the dynamic payload type negotiated in SDP, 0..127
   * @param sequenceNumber the low 16 bits are written
   * @param timestamp the 32-bit media timestamp (90 kHz for video)
   * @param ssrc the low 32 bits are written
   * @return {@link #SIZE}
   */
  public static int write(
      byte[] dst,
      int off,
      boolean marker,
      int payloadType,
      int sequenceNumber,
      int timestamp,
      long ssrc) {
    if (payloadType < 0 || payloadType > 127) {
      throw new IllegalArgumentException("payload type " + payloadType + " is outside 0..127");
    }
    if (off < 0 || off > dst.length - SIZE) {
      throw new IllegalArgumentException(
          "RTP header at offset " + off + " does not fit a buffer of " + dst.length);
    }
    dst[off] = (byte) (VERSION << 6);
    dst[off + 1] = (byte) ((marker ? 0x80 : 0) | payloadType);
    dst[off + 2] = (byte) (sequenceNumber >>> 8);
    dst[off + 3] = (byte) sequenceNumber;
    putInt(dst, off + 4, timestamp);
    putInt(dst, off + 8, (int) ssrc);
    return SIZE;
  }

  /**
   * The sequence number (0..65535) of the RTP packet that starts at {@code packet[off]}; the packet
   * must hold at least the fixed header.
   */
  public static int sequenceNumber(byte[] packet, int off) {
    return ((packet[off + 2] & 0xFF) << 8) | (packet[off + 3] & 0xFF);
  }

  /** The marker bit of the RTP packet that starts at {@code packet[off]}. */
  public static boolean marker(byte[] packet, int off) {
    return (packet[off + 1] & 0x80) != 0;
  }

  /** The timestamp of the RTP packet that starts at {@code packet[off]}, as an unsigned value. */
  public static long timestamp(byte[] packet, int off) {
    return getInt(packet, off + 4) & 0xFFFF_FFFFL;
  }

  /** The SSRC of the RTP packet that starts at {@code packet[off]}, as an unsigned value. */
  public static long ssrc(byte[] packet, int off) {
    return getInt(packet, off + 8) & 0xFFFF_FFFFL;
  }

  static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }

  static int getInt(byte[] b, int off) {
    return ((b[off] & 0xFF) << 24)
        | ((b[off + 1] & 0xFF) << 16)
        | ((b[off + 2] & 0xFF) << 8)
        | (b[off + 3] & 0xFF);
  }
}
