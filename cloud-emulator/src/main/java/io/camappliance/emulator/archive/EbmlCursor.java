package io.camappliance.emulator.archive;

/**
 * Reads EBML element headers from a byte array (RFC 8794 §4): an ID whose leading-zero count gives
 * its length (marker bit kept, 1–4 bytes), then a size vint (1–8 bytes, marker bit removed; all
 * value bits set = unknown size).
 *
 * <pre>
 * ID    1xxxxxxx | 01xxxxxx xxxxxxxx | 001xxxxx ... | 0001xxxx ...
 * size  1vvvvvvv | 01vvvvvv vvvvvvvv | ... | 00000001 + 7 bytes
 * </pre>
 *
 * Every read checks the bytes left first and fails with the offset and the values involved.
 */
final class EbmlCursor {
  /** The size of an element written with an unknown size. */
  static final long UNKNOWN = -1;

  private final byte[] b;
  private final int end;
  int pos;

  EbmlCursor(byte[] b, int pos, int end) {
    this.b = b;
    this.pos = pos;
    this.end = end;
  }

  boolean hasMore() {
    return pos < end;
  }

  byte[] bytes() {
    return b;
  }

  int end() {
    return end;
  }

  /** Reads an element ID, marker bit kept ({@code 0x1A45DFA3}). */
  long id() {
    int first = need(1);
    int len = Integer.numberOfLeadingZeros(first) - 24 + 1;
    if (first == 0 || len > 4) {
      throw new IllegalArgumentException(
          "EBML ID at " + pos + " starts with 0x" + Integer.toHexString(first) + ": longer than 4");
    }
    return readBig(len, false);
  }

  /** Reads a size vint; {@link #UNKNOWN} for the all-ones value. */
  long size() {
    int first = need(1);
    int len = Integer.numberOfLeadingZeros(first) - 24 + 1;
    if (first == 0) {
      throw new IllegalArgumentException("EBML size at " + pos + " starts with 0x00");
    }
    return readBig(len, true);
  }

  /** Reads an element header; returns its data size, or {@link #UNKNOWN}. */
  long dataSizeAfterId() {
    return size();
  }

  /** The end of an element whose data starts here and has {@code size} bytes (or to the end). */
  int dataEnd(long size) {
    if (size == UNKNOWN) {
      return end;
    }
    if (size > end - pos) {
      throw new IllegalArgumentException(
          "element at " + pos + " has " + size + " bytes, only " + (end - pos) + " left");
    }
    return pos + (int) size;
  }

  /** An unsigned integer of {@code size} bytes (0–8). */
  long uint(long size) {
    if (size < 0 || size > 8) {
      throw new IllegalArgumentException("unsigned integer at " + pos + " of " + size + " bytes");
    }
    int n = (int) size;
    need(n);
    long v = 0;
    for (int i = 0; i < n; i++) {
      v = (v << 8) | (b[pos++] & 0xFF);
    }
    return v;
  }

  private int need(int n) {
    if (end - pos < n) {
      throw new IllegalArgumentException(
          "need " + n + " bytes at " + pos + ", only " + (end - pos) + " left");
    }
    return n == 0 ? 0 : b[pos] & 0xFF;
  }

  private long readBig(int len, boolean stripMarker) {
    need(len);
    long v = b[pos] & 0xFF;
    if (stripMarker) {
      v &= (0xFF >> len);
    }
    boolean allOnes = v == (0xFF >> len);
    for (int i = 1; i < len; i++) {
      int x = b[pos + i] & 0xFF;
      allOnes &= x == 0xFF;
      v = (v << 8) | x;
    }
    pos += len;
    return stripMarker && allOnes ? UNKNOWN : v;
  }
}
