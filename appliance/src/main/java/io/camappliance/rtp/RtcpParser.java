package io.camappliance.rtp;

/**
 * Reads a compound RTCP packet from a browser (RFC 3550 §6, RFC 4585, RFC 5104, RFC 5506) and
 * reports what it holds to an {@link RtcpVisitor}: sender and receiver reports, Generic NACK, PLI,
 * FIR, REMB and BYE. Everything else is skipped by its length and reported as {@link
 * RtcpVisitor#other}.
 *
 * <pre>
 * Every RTCP packet starts with                  Feedback (RTPFB 205, PSFB 206) continues with
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+  +-------------------------------------+
 * |V=2|P| RC/FMT  |      PT       |  length   |  | SSRC of packet sender               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+  | SSRC of media source                |
 *   length = size in 32-bit words − 1            | FCI ...                             |
 *   P: the last byte is the padding count        +-------------------------------------+
 *
 * Receiver report (201)            SR (200): SSRC, then 20 bytes of sender info, then blocks
 * | SSRC of packet sender |
 * | report block × RC     |  block (24 bytes): | SSRC | fraction lost 8 | cumulative lost 24 |
 *                                              | extended highest seq | jitter | LSR | DLSR |
 *
 * Generic NACK (205, FMT 1) FCI × n          | PID 16 | BLP 16 |   bit i of BLP: PID + i + 1 lost
 * PLI (206, FMT 1)                           no FCI
 * FIR (206, FMT 4) FCI × n                   | SSRC 32 | seq nr 8 | reserved 24 |
 * REMB (206, FMT 15, media SSRC 0)           | 'R' 'E' 'M' 'B' | num SSRC 8 | exp 6 | mantissa 18 |
 *                                            | SSRC feedback × num SSRC |
 * </pre>
 *
 * <p>The whole compound is checked before the visitor hears anything, so a malformed datagram
 * reports nothing and throws an {@link RtcpException} naming the offset and the bad value; no other
 * exception escapes, whatever the bytes. A compound need not start with a report: with reduced-size
 * RTCP (RFC 5506) a datagram may be a single feedback packet. Does not allocate.
 */
public final class RtcpParser {
  private RtcpParser() {}

  static final int SR = 200;
  static final int RR = 201;
  static final int BYE = 203;
  static final int RTPFB = 205;
  static final int PSFB = 206;
  static final int FMT_NACK = 1;
  static final int FMT_PLI = 1;
  static final int FMT_FIR = 4;
  static final int FMT_AFB = 15;
  static final int REPORT_BLOCK_SIZE = 24;

  /** "REMB" in ASCII, the identifier of an application layer feedback message carrying REMB. */
  private static final int REMB = ('R' << 24) | ('E' << 16) | ('M' << 8) | 'B';

  /**
   * Checks the compound RTCP packet {@code buf[off, off+len)}, then reports each of its packets to
   * {@code visitor}.
   *
   * @throws RtcpException when any packet is malformed; the visitor has then heard nothing
   * @throws IllegalArgumentException when {@code [off, off+len)} is not inside {@code buf}
   */
  public static void parse(byte[] buf, int off, int len, RtcpVisitor visitor) throws RtcpException {
    if (off < 0 || len < 0 || off > buf.length - len) {
      throw new IllegalArgumentException(
          "RTCP [" + off + ", +" + len + ") is outside its buffer of " + buf.length);
    }
    walk(buf, off, len, null);
    walk(buf, off, len, visitor);
  }

  /** Checks only; the same rules as {@link #parse}. */
  public static void check(byte[] buf, int off, int len) throws RtcpException {
    parse(buf, off, len, null);
  }

  /** One pass over the compound; reports to {@code visitor} unless it is null. */
  private static void walk(byte[] buf, int off, int len, RtcpVisitor visitor) throws RtcpException {
    if (len == 0) {
      throw new RtcpException(0, "empty datagram");
    }
    int end = off + len;
    int p = off;
    while (p < end) {
      int at = p - off;
      if (end - p < 4) {
        throw new RtcpException(at, (end - p) + " bytes left, a packet header needs 4");
      }
      int first = buf[p] & 0xFF;
      int version = first >>> 6;
      if (version != 2) {
        throw new RtcpException(at, "version " + version + ", expected 2");
      }
      int count = first & 0x1F;
      int type = buf[p + 1] & 0xFF;
      int words = u16(buf, p + 2);
      int size = (words + 1) * 4;
      if (size > end - p) {
        throw new RtcpException(
            at,
            "length field "
                + words
                + " ("
                + size
                + " bytes) exceeds the "
                + (end - p)
                + " bytes left");
      }
      int content = size;
      if ((first & 0x20) != 0) {
        int padding = buf[p + size - 1] & 0xFF;
        if (padding == 0 || padding > size - 4) {
          throw new RtcpException(at, "padding count " + padding + " is outside 1.." + (size - 4));
        }
        content = size - padding;
      }
      switch (type) {
        case SR -> senderReport(buf, p, at, count, content, visitor);
        case RR -> receiverReport(buf, p, at, count, content, visitor);
        case BYE -> bye(buf, p, at, count, content, visitor);
        case RTPFB -> transportFeedback(buf, p, at, count, size, content, visitor);
        case PSFB -> payloadFeedback(buf, p, at, count, size, content, visitor);
        default -> {
          if (visitor != null) {
            visitor.other(type, count, at, size);
          }
        }
      }
      p += size;
    }
  }

  private static void senderReport(
      byte[] buf, int p, int at, int blocks, int content, RtcpVisitor visitor)
      throws RtcpException {
    int need = 28 + blocks * REPORT_BLOCK_SIZE;
    if (content < need) {
      throw new RtcpException(
          at,
          "sender report with "
              + blocks
              + " report blocks needs "
              + need
              + " bytes, has "
              + content);
    }
    if (visitor == null) {
      return;
    }
    long ssrc = u32(buf, p + 4);
    long ntp = (u32(buf, p + 8) << 32) | u32(buf, p + 12);
    visitor.senderReport(ssrc, ntp, u32(buf, p + 16), u32(buf, p + 20), u32(buf, p + 24));
    reportBlocks(buf, p + 28, blocks, ssrc, visitor);
  }

  private static void receiverReport(
      byte[] buf, int p, int at, int blocks, int content, RtcpVisitor visitor)
      throws RtcpException {
    int need = 8 + blocks * REPORT_BLOCK_SIZE;
    if (content < need) {
      throw new RtcpException(
          at,
          "receiver report with "
              + blocks
              + " report blocks needs "
              + need
              + " bytes, has "
              + content);
    }
    if (visitor != null) {
      reportBlocks(buf, p + 8, blocks, u32(buf, p + 4), visitor);
    }
  }

  private static void reportBlocks(
      byte[] buf, int p, int blocks, long reporter, RtcpVisitor visitor) {
    for (int i = 0; i < blocks; i++, p += REPORT_BLOCK_SIZE) {
      int lost = (buf[p + 5] << 16) | ((buf[p + 6] & 0xFF) << 8) | (buf[p + 7] & 0xFF);
      visitor.receptionReport(
          reporter,
          u32(buf, p),
          buf[p + 4] & 0xFF,
          lost,
          u32(buf, p + 8),
          u32(buf, p + 12),
          u32(buf, p + 16),
          u32(buf, p + 20));
    }
  }

  private static void bye(byte[] buf, int p, int at, int sources, int content, RtcpVisitor visitor)
      throws RtcpException {
    int need = 4 + sources * 4;
    if (content < need) {
      throw new RtcpException(
          at, "BYE with " + sources + " sources needs " + need + " bytes, has " + content);
    }
    if (visitor != null) {
      for (int i = 0; i < sources; i++) {
        visitor.bye(u32(buf, p + 4 + 4 * i));
      }
    }
  }

  private static void transportFeedback(
      byte[] buf, int p, int at, int fmt, int size, int content, RtcpVisitor visitor)
      throws RtcpException {
    feedbackHeader(at, "transport layer feedback", fmt, content);
    if (fmt != FMT_NACK) {
      if (visitor != null) {
        visitor.other(RTPFB, fmt, at, size);
      }
      return;
    }
    int entries = (content - 12) / 4;
    if (entries == 0) {
      throw new RtcpException(at, "Generic NACK of " + content + " bytes has no PID/BLP entry");
    }
    if (visitor == null) {
      return;
    }
    long sender = u32(buf, p + 4);
    long media = u32(buf, p + 8);
    for (int i = 0; i < entries; i++) {
      int fci = p + 12 + 4 * i;
      int pid = u16(buf, fci);
      int blp = u16(buf, fci + 2);
      visitor.nack(sender, media, pid);
      for (int bit = 0; bit < 16; bit++) {
        if ((blp & (1 << bit)) != 0) {
          visitor.nack(sender, media, (pid + bit + 1) & 0xFFFF);
        }
      }
    }
  }

  private static void payloadFeedback(
      byte[] buf, int p, int at, int fmt, int size, int content, RtcpVisitor visitor)
      throws RtcpException {
    feedbackHeader(at, "payload-specific feedback", fmt, content);
    long sender = u32(buf, p + 4);
    long media = u32(buf, p + 8);
    switch (fmt) {
      case FMT_PLI -> {
        if (visitor != null) {
          visitor.pictureLossIndication(sender, media);
        }
      }
      case FMT_FIR -> {
        int fci = content - 12;
        if (fci == 0 || fci % 8 != 0) {
          throw new RtcpException(
              at, "FIR has " + fci + " bytes of entries, expected a non-zero multiple of 8");
        }
        if (visitor != null) {
          for (int e = p + 12; e < p + content; e += 8) {
            visitor.fullIntraRequest(sender, u32(buf, e), buf[e + 4] & 0xFF);
          }
        }
      }
      case FMT_AFB -> {
        if (content >= 16 && (int) u32(buf, p + 12) == REMB) {
          remb(buf, p, at, content, sender, media, visitor);
        } else if (visitor != null) {
          visitor.other(PSFB, fmt, at, size);
        }
      }
      default -> {
        if (visitor != null) {
          visitor.other(PSFB, fmt, at, size);
        }
      }
    }
  }

  private static void remb(
      byte[] buf, int p, int at, int content, long sender, long media, RtcpVisitor visitor)
      throws RtcpException {
    if (content < 20) {
      throw new RtcpException(at, "REMB of " + content + " bytes has no bitrate (needs 20)");
    }
    int ssrcs = buf[p + 16] & 0xFF;
    int need = 20 + 4 * ssrcs;
    if (content < need) {
      throw new RtcpException(
          at, "REMB listing " + ssrcs + " SSRCs needs " + need + " bytes, has " + content);
    }
    if (visitor == null) {
      return;
    }
    int exponent = (buf[p + 17] & 0xFF) >>> 2;
    long mantissa = ((buf[p + 17] & 0x03L) << 16) | u16(buf, p + 18);
    long bitrate = mantissa > (Long.MAX_VALUE >>> exponent) ? Long.MAX_VALUE : mantissa << exponent;
    if (ssrcs == 0) {
      visitor.receiverEstimatedMaxBitrate(sender, media, bitrate);
    }
    for (int i = 0; i < ssrcs; i++) {
      visitor.receiverEstimatedMaxBitrate(sender, u32(buf, p + 20 + 4 * i), bitrate);
    }
  }

  private static void feedbackHeader(int at, String what, int fmt, int content)
      throws RtcpException {
    if (content < 12) {
      throw new RtcpException(
          at,
          what + " (FMT " + fmt + ") of " + content + " bytes is shorter than its 12-byte header");
    }
  }

  private static int u16(byte[] b, int off) {
    return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
  }

  private static long u32(byte[] b, int off) {
    return RtpHeader.getInt(b, off) & 0xFFFF_FFFFL;
  }
}
