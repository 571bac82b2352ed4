package io.camappliance.rtp;

/**
 * The RTCP sender report (RFC 3550 §6.4.1) of a sender that receives nothing: no reception report
 * blocks, so always 28 bytes. It ties the stream's RTP timestamps to the wall clock (for lip sync
 * and for the receiver's LSR/DLSR, which give us the round trip) and says how much was sent.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  RC=0   |   PT=SR=200   |          length = 6           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         SSRC of sender                        |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |              NTP timestamp, most significant word             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |             NTP timestamp, least significant word             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         RTP timestamp                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     sender's packet count                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      sender's octet count                     |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * </pre>
 *
 * Alone it is a valid reduced-size RTCP packet (RFC 5506, when {@code a=rtcp-rsize} was
 * negotiated); {@link #writeCompound} adds the SDES CNAME that a full compound packet needs (RFC
 * 3550 §6.1). The counts wrap around at 2^32 as the RFC says.
 */
public final class SenderReport {
  private SenderReport() {}

  /** RTCP packet type SR. */
  public static final int PACKET_TYPE = 200;

  /** Size of a sender report without report blocks. */
  public static final int SIZE = 28;

  /**
   * Writes the sender report at {@code dst[off, off+28)}.
   *
   * @param ntpTimestamp the wall clock now, see {@link NtpTime#fromEpochMicros}
   * @param rtpTimestamp the RTP timestamp of the same instant, see {@link
   *     H264Packetizer#timestampAt}
   * @param packetCount RTP packets sent since the stream started
   * @param octetCount RTP payload bytes sent since the stream started
   * @return {@link #SIZE}
   */
  public static int write(
      byte[] dst,
      int off,
      long ssrc,
      long ntpTimestamp,
      int rtpTimestamp,
      long packetCount,
      long octetCount) {
    if (off < 0 || off > dst.length - SIZE) {
      throw new IllegalArgumentException(
          "sender report at offset " + off + " does not fit a buffer of " + dst.length);
    }
    dst[off] = (byte) 0x80;
    dst[off + 1] = (byte) PACKET_TYPE;
    dst[off + 2] = 0;
    dst[off + 3] = SIZE / 4 - 1;
    RtpHeader.putInt(dst, off + 4, (int) ssrc);
    RtpHeader.putInt(dst, off + 8, (int) (ntpTimestamp >>> 32));
    RtpHeader.putInt(dst, off + 12, (int) ntpTimestamp);
    RtpHeader.putInt(dst, off + 16, rtpTimestamp);
    RtpHeader.putInt(dst, off + 20, (int) packetCount);
    RtpHeader.putInt(dst, off + 24, (int) octetCount);
    return SIZE;
  }

  /** The size of {@link #writeCompound}'s output for a CNAME of this many bytes. */
  public static int compoundSize(int cnameLength) {
    return SIZE + SourceDescription.cnameSize(cnameLength);
  }

  /**
   * Writes a compound RTCP packet: this sender report followed by an SDES with {@code cname}
   * (UTF-8, 1..255 bytes).
   *
   * @return the bytes written, {@link #compoundSize}
   */
  public static int writeCompound(
      byte[] dst,
      int off,
      long ssrc,
      long ntpTimestamp,
      int rtpTimestamp,
      long packetCount,
      long octetCount,
      byte[] cname) {
    if (cname.length < 1 || cname.length > 255) {
      throw new IllegalArgumentException("CNAME of " + cname.length + " bytes is outside 1..255");
    }
    int size = compoundSize(cname.length);
    if (off < 0 || off > dst.length - size) {
      throw new IllegalArgumentException(
          "compound RTCP of "
              + size
              + " bytes at offset "
              + off
              + " does not fit a buffer of "
              + dst.length);
    }
    int n = write(dst, off, ssrc, ntpTimestamp, rtpTimestamp, packetCount, octetCount);
    return n + SourceDescription.writeCname(dst, off + n, ssrc, cname);
  }
}
