package io.camappliance.h264;

/**
 * The Annex-B byte stream format (ITU-T H.264 Annex B): NAL units delimited by the start codes
 * {@code 00 00 01} or {@code 00 00 00 01}. Splitting returns slices of the caller's buffer; nothing
 * is copied or allocated.
 */
public final class AnnexB {
  private AnnexB() {}

  /**
   * Calls {@code visitor} for every NAL unit in {@code buf[off, off+len)}, in order. Bytes before
   * the first start code are ignored; trailing zero bytes of a NAL unit (trailing_zero_8bits) are
   * not part of it.
   *
   * @return the number of NAL units visited
   */
  public static int forEachNalUnit(byte[] buf, int off, int len, NalUnitVisitor visitor) {
    int end = off + len;
    int start = nextStartCodeEnd(buf, off, end);
    int count = 0;
    while (start >= 0 && start < end) {
      int next = findStartCode(buf, start, end);
      int nalEnd = next < 0 ? end : next;
      while (nalEnd > start && buf[nalEnd - 1] == 0) {
        nalEnd--;
      }
      if (nalEnd > start) {
        visitor.visit(buf, start, nalEnd - start);
        count++;
      }
      if (next < 0) {
        break;
      }
      start = next + 3;
    }
    return count;
  }

  /** The index just after the first start code at or after {@code from}, or -1. */
  private static int nextStartCodeEnd(byte[] buf, int from, int end) {
    int sc = findStartCode(buf, from, end);
    return sc < 0 ? -1 : sc + 3;
  }

  /** The index of the first {@code 00 00 01} at or after {@code from}, or -1. */
  static int findStartCode(byte[] buf, int from, int end) {
    for (int i = from; i + 2 < end; i++) {
      if (buf[i + 2] > 1) {
        i += 2; // neither of the next two positions can start 00 00 01
      } else if (buf[i] == 0 && buf[i + 1] == 0 && buf[i + 2] == 1) {
        return i;
      }
    }
    return -1;
  }
}
