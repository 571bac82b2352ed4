package io.camappliance.h264;

/**
 * Reads the fixed- and variable-length codes of ITU-T H.264 §7.2 from an RBSP (a NAL payload with
 * emulation prevention bytes already removed), most significant bit first.
 *
 * <pre>
 * u(n)   n bits, unsigned
 * ue(v)  Exp-Golomb (§9.1):  [M zeros] 1 [M bits INFO]   value = 2^M - 1 + INFO
 *          1 -> 0   010 -> 1   011 -> 2   00100 -> 3   00101 -> 4 ...
 * se(v)  ue(v) mapped (§9.1.1): 0, 1, -1, 2, -2, ...   k -> (-1)^(k+1) * ceil(k/2)
 * </pre>
 *
 * Every read checks the remaining length first and throws {@link H264Exception} naming the field
 * and the position, so a truncated parameter set reports exactly where it ended.
 */
final class BitReader {
  /** ue(v) values in H.264 syntax never need more than 32 bits; more leading zeros is garbage. */
  private static final int MAX_LEADING_ZEROS = 31;

  private final byte[] buf;
  private final int start;
  private final long endBit;
  private long pos;

  BitReader(byte[] buf, int off, int len) {
    this.buf = buf;
    this.start = off;
    this.pos = (long) off * 8;
    this.endBit = ((long) off + len) * 8;
  }

  /** Bits not read yet. */
  long bitsLeft() {
    return endBit - pos;
  }

  /** Bits read so far. */
  long position() {
    return pos - (long) start * 8;
  }

  boolean flag(String field) throws H264Exception {
    return u(1, field) == 1;
  }

  /** Reads {@code n} bits (0..32) as an unsigned value. */
  long u(int n, String field) throws H264Exception {
    if (n < 0 || n > 32) {
      throw new IllegalArgumentException("cannot read " + n + " bits at once");
    }
    need(n, field);
    long v = 0;
    for (int i = 0; i < n; i++) {
      v = (v << 1) | bit();
    }
    return v;
  }

  /** Reads {@code n} bits (0..31) as an int. */
  int bits(int n, String field) throws H264Exception {
    if (n > 31) {
      throw new IllegalArgumentException("cannot read " + n + " bits into an int");
    }
    return (int) u(n, field);
  }

  void skip(long n, String field) throws H264Exception {
    need(n, field);
    pos += n;
  }

  /** Reads ue(v) (§9.1); values above {@link Integer#MAX_VALUE} are rejected. */
  int ue(String field) throws H264Exception {
    int zeros = 0;
    while (true) {
      need(1, field);
      if (bit() == 1) {
        break;
      }
      zeros++;
      if (zeros > MAX_LEADING_ZEROS) {
        throw new H264Exception(
            field + ": Exp-Golomb code has more than " + MAX_LEADING_ZEROS + " leading zero bits");
      }
    }
    long value = (1L << zeros) - 1 + u(zeros, field);
    if (value > Integer.MAX_VALUE) {
      throw new H264Exception(field + ": Exp-Golomb value " + value + " does not fit in 31 bits");
    }
    return (int) value;
  }

  /** Reads se(v) (§9.1.1). */
  int se(String field) throws H264Exception {
    long k = ue(field);
    return (int) ((k & 1) == 1 ? (k + 1) / 2 : -(k / 2));
  }

  /** Reads ue(v) and checks it against {@code [0, max]}. */
  int ue(String field, int max) throws H264Exception {
    int v = ue(field);
    if (v > max) {
      throw new H264Exception(field + " " + v + " is above its maximum " + max);
    }
    return v;
  }

  /** Reads se(v) and checks it against {@code [min, max]}. */
  int se(String field, int min, int max) throws H264Exception {
    int v = se(field);
    if (v < min || v > max) {
      throw new H264Exception(field + " " + v + " is outside " + min + ".." + max);
    }
    return v;
  }

  private void need(long n, String field) throws H264Exception {
    if (n > endBit - pos) {
      throw new H264Exception(
          "truncated reading "
              + field
              + ": needs "
              + n
              + " bits at bit "
              + position()
              + ", only "
              + (endBit - pos)
              + " left");
    }
  }

  private int bit() {
    int b = (buf[(int) (pos >>> 3)] >> (7 - (int) (pos & 7))) & 1;
    pos++;
    return b;
  }
}
