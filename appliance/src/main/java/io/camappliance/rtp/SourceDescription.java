package io.camappliance.rtp;

import java.nio.charset.StandardCharsets;

/**
 * An RTCP SDES packet (RFC 3550 §6.5) with one chunk holding one CNAME item, the only item the
 * appliance sends. Every compound RTCP packet must carry the CNAME (§6.1).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  SC=1   |  PT=SDES=202  |             length            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                              SSRC                             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    CNAME=1    |     length    | user and domain name        ...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ...  | END=0 | zero padding to the next 32-bit boundary      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The item list ends with at least one zero octet (§6.5), so a chunk whose items end exactly on a
 * word boundary still gets a whole word of zeros.
 */
public final class SourceDescription {
  private SourceDescription() {}

  /** RTCP packet type SDES. */
  public static final int PACKET_TYPE = 202;

  static final int CNAME = 1;

  /** The size of the SDES packet {@link #writeCname} writes for a CNAME of this many bytes. */
  public static int cnameSize(int cnameLength) {
    return 4 + 4 + ((2 + cnameLength + 1 + 3) & ~3);
  }

  /**
   * Writes the SDES packet for {@code ssrc} with {@code cname} (UTF-8, 1..255 bytes).
   *
   * @return the bytes written, {@link #cnameSize}
   */
  public static int writeCname(byte[] dst, int off, long ssrc, byte[] cname) {
    if (cname.length < 1 || cname.length > 255) {
      throw new IllegalArgumentException(
          "CNAME of " + cname.length + " bytes is outside 1..255: " + text(cname));
    }
    int size = cnameSize(cname.length);
    if (off < 0 || off > dst.length - size) {
      throw new IllegalArgumentException(
          "SDES of "
              + size
              + " bytes at offset "
              + off
              + " does not fit a buffer of "
              + dst.length);
    }
    dst[off] = (byte) (0x80 | 1);
    dst[off + 1] = (byte) PACKET_TYPE;
    int words = size / 4 - 1;
    dst[off + 2] = (byte) (words >>> 8);
    dst[off + 3] = (byte) words;
    RtpHeader.putInt(dst, off + 4, (int) ssrc);
    dst[off + 8] = CNAME;
    dst[off + 9] = (byte) cname.length;
    System.arraycopy(cname, 0, dst, off + 10, cname.length);
    for (int i = off + 10 + cname.length; i < off + size; i++) {
      dst[i] = 0;
    }
    return size;
  }

  private static String text(byte[] cname) {
    String s = new String(cname, 0, Math.min(cname.length, 40), StandardCharsets.UTF_8);
    return cname.length > 40 ? '"' + s + "...\"" : '"' + s + '"';
  }
}
