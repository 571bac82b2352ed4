package io.camappliance.h264;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * Length-prefixed NAL units, the sample format of MP4 and Matroska {@code V_MPEG4/ISO/AVC} tracks
 * (ISO/IEC 14496-15 §5.2.3, AVC sample structure; KVS data model §5): each NAL unit is preceded by
 * its length in {@code lengthSize} bytes, big-endian, where {@code lengthSize} comes from the AVC
 * configuration record ({@code lengthSizeMinusOne + 1}: 1, 2 or 4).
 *
 * <pre>
 * +---------------------+-------------------+---------------------+-------------------+--
 * | length (lengthSize) | NAL unit (length) | length (lengthSize) | NAL unit (length) | ...
 * +---------------------+-------------------+---------------------+-------------------+--
 * </pre>
 *
 * Every method that walks a sample validates the whole sample first and reports a malformed one
 * with a message carrying the offending length and offset; nothing is visited or written for a
 * sample that does not add up.
 */
public final class Avcc {
  private Avcc() {}

  private static final byte[] START_CODE = {0, 0, 0, 1};

  /**
   * Checks that {@code buf[off, off+len)} is a sequence of non-empty length-prefixed NAL units that
   * ends exactly at the end. Never throws.
   *
   * @return null when well formed, else what is wrong (offsets relative to {@code off})
   */
  public static String problem(byte[] buf, int off, int len, int lengthSize) {
    if (lengthSize != 1 && lengthSize != 2 && lengthSize != 4) {
      return "NAL length size " + lengthSize + " is not 1, 2 or 4";
    }
    if (buf == null) {
      return "AVCC buffer is null";
    }
    if (off < 0 || len < 0 || off > buf.length - len) {
      return "AVCC sample [" + off + ", +" + len + ") is outside its buffer of " + buf.length;
    }
    int end = off + len;
    int i = off;
    int index = 0;
    while (i < end) {
      if (end - i < lengthSize) {
        return "NAL unit #"
            + index
            + " at offset "
            + (i - off)
            + ": "
            + (end - i)
            + " bytes left, too few for a "
            + lengthSize
            + "-byte length";
      }
      long nalLen = readLength(buf, i, lengthSize);
      i += lengthSize;
      if (nalLen == 0) {
        return "NAL unit #" + index + " at offset " + (i - lengthSize - off) + " has length 0";
      }
      if (nalLen > end - i) {
        return "NAL unit #"
            + index
            + " at offset "
            + (i - lengthSize - off)
            + ": length "
            + nalLen
            + " exceeds the "
            + (end - i)
            + " bytes left";
      }
      i += (int) nalLen;
      index++;
    }
    return null;
  }

  /**
   * Calls {@code visitor} for every NAL unit (a slice of {@code buf}, length prefix excluded).
   *
   * @return the number of NAL units
   * @throws H264Exception when the sample is malformed (see {@link #problem}); nothing was visited
   */
  public static int forEachNalUnit(
      byte[] buf, int off, int len, int lengthSize, NalUnitVisitor visitor) throws H264Exception {
    check(buf, off, len, lengthSize);
    int end = off + len;
    int count = 0;
    for (int i = off; i < end; count++) {
      int nalLen = (int) readLength(buf, i, lengthSize);
      i += lengthSize;
      visitor.visit(buf, i, nalLen);
      i += nalLen;
    }
    return count;
  }

  /** The size of {@link #toAnnexB}'s output: each length prefix becomes a 4-byte start code. */
  public static int annexBSize(byte[] buf, int off, int len, int lengthSize) throws H264Exception {
    check(buf, off, len, lengthSize);
    int end = off + len;
    int size = 0;
    for (int i = off; i < end; ) {
      int nalLen = (int) readLength(buf, i, lengthSize);
      size += START_CODE.length + nalLen;
      i += lengthSize + nalLen;
    }
    return size;
  }

  /**
   * Writes the sample as Annex-B: {@code 00 00 00 01} before each NAL unit, NAL bytes unchanged.
   * Annex-B with 4-byte start codes and no trailing zeros comes back byte-equal from {@link
   * AnnexB#toAvcc} and this.
   *
   * @return the number of bytes written
   * @throws H264Exception when the sample is malformed; nothing was written
   * @throws BufferOverflowException when {@code dst} has less room than {@link #annexBSize}; its
   *     position is then left where it was
   */
  public static int toAnnexB(byte[] buf, int off, int len, int lengthSize, ByteBuffer dst)
      throws H264Exception {
    int size = annexBSize(buf, off, len, lengthSize);
    if (dst.remaining() < size) {
      throw new BufferOverflowException();
    }
    int end = off + len;
    for (int i = off; i < end; ) {
      int nalLen = (int) readLength(buf, i, lengthSize);
      i += lengthSize;
      dst.put(START_CODE);
      dst.put(buf, i, nalLen);
      i += nalLen;
    }
    return size;
  }

  /** Convenience for file replay: the sample as a new Annex-B array. */
  public static byte[] toAnnexB(byte[] buf, int off, int len, int lengthSize) throws H264Exception {
    ByteBuffer dst = ByteBuffer.allocate(annexBSize(buf, off, len, lengthSize));
    toAnnexB(buf, off, len, lengthSize, dst);
    return dst.array();
  }

  private static void check(byte[] buf, int off, int len, int lengthSize) throws H264Exception {
    String problem = problem(buf, off, len, lengthSize);
    if (problem != null) {
      throw new H264Exception(problem);
    }
  }

  private static long readLength(byte[] buf, int i, int lengthSize) {
    long v = 0;
    for (int k = 0; k < lengthSize; k++) {
      v = (v << 8) | (buf[i + k] & 0xFF);
    }
    return v;
  }
}
