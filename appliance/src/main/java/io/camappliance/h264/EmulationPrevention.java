package io.camappliance.h264;

/**
 * Emulation prevention (ITU-T H.264 §7.4.1): inside a NAL unit, any {@code 00 00 0x} with {@code x
 * <= 3} is written as {@code 00 00 03 0x} so that no start code appears in the payload.
 *
 * <p>Re-framing between Annex-B and AVCC never adds or removes these bytes; only parsers of NAL
 * payloads (SPS, SEI) remove them, in a private copy.
 */
public final class EmulationPrevention {
  private EmulationPrevention() {}

  /** The size of {@code src[off, off+len)} once escaped. */
  public static int escapedSize(byte[] src, int off, int len) {
    int zeros = 0;
    int size = len;
    for (int i = off; i < off + len; i++) {
      int b = src[i] & 0xFF;
      if (zeros >= 2 && b <= 3) {
        size++;
        zeros = 0;
      }
      zeros = b == 0 ? zeros + 1 : 0;
    }
    return size;
  }

  /**
   * Escapes {@code src[off, off+len)} into {@code dst} at {@code dstOff}.
   *
   * @return the number of bytes written ({@link #escapedSize})
   */
  public static int escape(byte[] src, int off, int len, byte[] dst, int dstOff) {
    int zeros = 0;
    int j = dstOff;
    for (int i = off; i < off + len; i++) {
      int b = src[i] & 0xFF;
      if (zeros >= 2 && b <= 3) {
        dst[j++] = 3;
        zeros = 0;
      }
      dst[j++] = (byte) b;
      zeros = b == 0 ? zeros + 1 : 0;
    }
    return j - dstOff;
  }

  /**
   * Removes emulation prevention bytes from {@code src[off, off+len)} into {@code dst} at {@code
   * dstOff}; {@code dst} needs room for {@code len} bytes.
   *
   * @return the number of bytes written
   */
  public static int unescape(byte[] src, int off, int len, byte[] dst, int dstOff) {
    int zeros = 0;
    int j = dstOff;
    for (int i = off; i < off + len; i++) {
      int b = src[i] & 0xFF;
      if (zeros >= 2 && b == 3) {
        zeros = 0;
        continue;
      }
      dst[j++] = (byte) b;
      zeros = b == 0 ? zeros + 1 : 0;
    }
    return j - dstOff;
  }

  /** Unescapes into a new array of exactly the unescaped size. */
  public static byte[] unescape(byte[] src, int off, int len) {
    byte[] tmp = new byte[len];
    int n = unescape(src, off, len, tmp, 0);
    return n == len ? tmp : java.util.Arrays.copyOf(tmp, n);
  }
}
