package io.camappliance.h264;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * The Annex-B byte stream format (ITU-T H.264 Annex B): NAL units delimited by the start codes
 * {@code 00 00 01} or {@code 00 00 00 01}. Splitting returns slices of the caller's buffer; nothing
 * is copied or allocated.
 *
 * <pre>
 * byte_stream_nal_unit (§B.1.1):
 *   [leading_zero_8bits 00 ...] [00] 00 00 01  nal_unit(NumBytesInNalUnit)  [trailing_zero_8bits 00 ...]
 *                              zero_byte + start_code_prefix_one_3bytes
 * </pre>
 *
 * A NAL unit never ends in {@code 00} (§7.4.1: its last byte is non-zero), so zero bytes before a
 * start code belong to the framing — the 4-byte start code's first byte or trailing_zero_8bits —
 * and are stripped from the NAL unit.
 *
 * <p>{@link #toAvcc} rewrites an access unit into the length-prefixed form that MP4 and Matroska
 * ({@code V_MPEG4/ISO/AVC}) carry, keeping emulation prevention bytes as they are (ISO/IEC 14496-15
 * §5.2.3; the KVS data model §5.1 rules 2 and 3).
 */
public final class AnnexB {
  private AnnexB() {}

  /** Length of the AVCC length prefix {@link #toAvcc} writes: uint32, big-endian. */
  public static final int AVCC_LENGTH_SIZE = 4;

  /**
   * Calls {@code visitor} for every NAL unit in {@code buf[off, off+len)}, in order. Bytes before
   * the first start code are ignored; trailing zero bytes of a NAL unit (trailing_zero_8bits) are
   * not part of it; empty NAL units (two start codes in a row) are skipped.
   *
   * @return the number of NAL units visited
   */
  public static int forEachNalUnit(byte[] buf, int off, int len, NalUnitVisitor visitor) {
    int end = off + len;
    int count = 0;
    int sc = findStartCode(buf, off, end);
    while (sc >= 0) {
      int start = sc + 3;
      int next = findStartCode(buf, start, end);
      int nalEnd = trimZeros(buf, start, next < 0 ? end : next);
      if (nalEnd > start) {
        visitor.visit(buf, start, nalEnd - start);
        count++;
      }
      sc = next;
    }
    return count;
  }

  /** The number of (non-empty) NAL units in {@code buf[off, off+len)}. */
  public static int count(byte[] buf, int off, int len) {
    return forEachNalUnit(buf, off, len, (b, o, l) -> {});
  }

  /** The size of {@link #toAvcc(byte[], int, int, ByteBuffer)}'s output for this access unit. */
  public static int avccSize(byte[] src, int off, int len) {
    return avccSize(src, off, len, 0);
  }

  /**
   * The size of {@link #toAvcc(byte[], int, int, ByteBuffer, int)}'s output for this access unit
   * and drop mask.
   */
  public static int avccSize(byte[] src, int off, int len, int dropMask) {
    int end = off + len;
    int size = 0;
    int sc = findStartCode(src, off, end);
    while (sc >= 0) {
      int start = sc + 3;
      int next = findStartCode(src, start, end);
      int nalEnd = trimZeros(src, start, next < 0 ? end : next);
      if (nalEnd > start && !dropped(src[start], dropMask)) {
        size += AVCC_LENGTH_SIZE + nalEnd - start;
      }
      sc = next;
    }
    return size;
  }

  /**
   * Writes every NAL unit of the Annex-B access unit {@code src[off, off+len)} to {@code dst} as a
   * 4-byte big-endian length followed by the NAL unit (header byte included, emulation prevention
   * kept), starting at {@code dst}'s position and advancing it.
   *
   * @return the number of bytes written
   * @throws BufferOverflowException when {@code dst} has less room than {@link #avccSize}; its
   *     position is then left where it was
   */
  public static int toAvcc(byte[] src, int off, int len, ByteBuffer dst) {
    return toAvcc(src, off, len, dst, 0);
  }

  /**
   * Like {@link #toAvcc(byte[], int, int, ByteBuffer)}, leaving out every NAL unit whose type's bit
   * is set in {@code dropMask} (see {@link NalUnitType#mask} and {@link
   * NalUnitType#DROP_AUD_AND_FILLER}). Does not allocate.
   */
  public static int toAvcc(byte[] src, int off, int len, ByteBuffer dst, int dropMask) {
    int end = off + len;
    int begin = dst.position();
    int sc = findStartCode(src, off, end);
    while (sc >= 0) {
      int start = sc + 3;
      int next = findStartCode(src, start, end);
      int nalEnd = trimZeros(src, start, next < 0 ? end : next);
      int nalLen = nalEnd - start;
      if (nalLen > 0 && !dropped(src[start], dropMask)) {
        if (dst.remaining() < AVCC_LENGTH_SIZE + nalLen) {
          dst.position(begin);
          throw new BufferOverflowException();
        }
        dst.putInt(nalLen);
        dst.put(src, start, nalLen);
      }
      sc = next;
    }
    return dst.position() - begin;
  }

  /**
   * Checks an untrusted access unit before it goes anywhere that would reject it later (the KVS
   * muxer, a decoder). Never throws, whatever the input.
   *
   * <p>It must start with a start code (leading zero bytes allowed), and every NAL unit must have a
   * header with forbidden_zero_bit clear and a specified type (not 0, not 24..31), and at least one
   * byte. Inside the access unit there must be no {@code 00 00 02} and no run of three or more zero
   * bytes other than before a start code (§7.4.1: neither occurs at any byte-aligned position
   * inside a NAL unit). Zeros before a start code are trailing_zero_8bits (§B.1), which encoders
   * may pad with; they are valid Annex-B and never reach KVS, because re-framing drops them (KVS
   * data model §5.1 rule 5 rejects them only inside the data it is given).
   *
   * @return null when the access unit is acceptable, else what is wrong, with offsets relative to
   *     {@code off}
   */
  public static String problem(byte[] buf, int off, int len) {
    if (buf == null) {
      return "access unit buffer is null";
    }
    if (off < 0 || len < 0 || off > buf.length - len) {
      return "access unit [" + off + ", +" + len + ") is outside its buffer of " + buf.length;
    }
    if (len == 0) {
      return "access unit is empty";
    }
    int end = off + len;
    int first = findStartCode(buf, off, end);
    if (first < 0) {
      return "no start code (00 00 01) in " + len + " bytes";
    }
    for (int i = off; i < first; i++) {
      if (buf[i] != 0) {
        return (first - off) + " bytes before the first start code, not all zero";
      }
    }
    String zeros = zeroRunProblem(buf, off, end);
    if (zeros != null) {
      return zeros;
    }
    int index = 0;
    int sc = first;
    while (sc >= 0) {
      int start = sc + 3;
      int next = findStartCode(buf, start, end);
      int nalEnd = trimZeros(buf, start, next < 0 ? end : next);
      if (nalEnd == start) {
        return "NAL unit #" + index + " at offset " + (start - off) + " is empty";
      }
      int header = buf[start] & 0xFF;
      if ((header & 0x80) != 0) {
        return String.format(
            "NAL unit #%d at offset %d: header 0x%02x has forbidden_zero_bit set",
            index, start - off, header);
      }
      int type = header & 0x1F;
      if (NalUnitType.isUnspecified(type)) {
        return String.format(
            "NAL unit #%d at offset %d: type %d (header 0x%02x) is unspecified in H.264",
            index, start - off, type, header);
      }
      index++;
      sc = next;
    }
    return null;
  }

  /** Three or more zeros not followed by {@code 01}, and {@code 00 00 02}. */
  private static String zeroRunProblem(byte[] buf, int off, int end) {
    int last = end;
    while (last > off && buf[last - 1] == 0) {
      last--; // trailing zeros of the access unit are tolerated
    }
    int run = 0;
    for (int i = off; i < last; i++) {
      if (buf[i] == 0) {
        run++;
        continue;
      }
      if (run >= 2 && buf[i] == 2) {
        return "forbidden byte sequence 00 00 02 at offset " + (i - 2 - off);
      }
      if (run >= 3 && buf[i] != 1) {
        return String.format(
            "forbidden byte sequence 00 00 00 %02x at offset %d", buf[i] & 0xFF, i - 3 - off);
      }
      run = 0;
    }
    return null;
  }

  private static boolean dropped(byte header, int dropMask) {
    return (dropMask & (1 << (header & 0x1F))) != 0;
  }

  /** {@code end} moved back over zero bytes, not below {@code start}. */
  static int trimZeros(byte[] buf, int start, int end) {
    while (end > start && buf[end - 1] == 0) {
      end--;
    }
    return end;
  }

  /** The index of the first {@code 00 00 01} at or after {@code from}, or -1. */
  static int findStartCode(byte[] buf, int from, int end) {
    for (int i = from; i + 2 < end; i++) {
      if ((buf[i + 2] & 0xFF) > 1) {
        i += 2; // neither of the next two positions can start 00 00 01
      } else if (buf[i] == 0 && buf[i + 1] == 0 && buf[i + 2] == 1) {
        return i;
      }
    }
    return -1;
  }
}
