package io.camappliance.emulator.hls;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes ISO BMFF boxes (ISO/IEC 14496-12 §4.2) into a growing byte array; a box's 32-bit size is
 * patched when it ends, so boxes nest by begin/end pairs.
 *
 * <pre>
 * Box      size(32) type(32) payload
 * FullBox  size(32) type(32) version(8) flags(24) payload
 * </pre>
 */
final class Mp4Writer {
  private byte[] buf = new byte[4096];
  private int size;

  /** Starts a box; returns its offset for {@link #end(int)}. */
  int begin(String type) {
    int at = size;
    u32(0);
    fourcc(type);
    return at;
  }

  /** Starts a FullBox. */
  int beginFull(String type, int version, int flags) {
    int at = begin(type);
    u8(version);
    u24(flags);
    return at;
  }

  /** Ends the box begun at {@code at}: writes its size. */
  void end(int at) {
    put32(at, size - at);
  }

  int size() {
    return size;
  }

  /** Overwrites a 32-bit field already written (a trun data offset). */
  void put32(int at, long v) {
    buf[at] = (byte) (v >>> 24);
    buf[at + 1] = (byte) (v >>> 16);
    buf[at + 2] = (byte) (v >>> 8);
    buf[at + 3] = (byte) v;
  }

  void u8(int v) {
    ensure(1);
    buf[size++] = (byte) v;
  }

  void u16(int v) {
    u8(v >>> 8);
    u8(v);
  }

  void u24(int v) {
    u8(v >>> 16);
    u16(v);
  }

  void u32(long v) {
    ensure(4);
    put32(size, v);
    size += 4;
  }

  void u64(long v) {
    u32(v >>> 32);
    u32(v);
  }

  void fourcc(String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    if (b.length != 4) {
      throw new IllegalArgumentException("box type '" + s + "' is not four characters");
    }
    bytes(b, 0, 4);
  }

  void zeros(int n) {
    ensure(n);
    size += n; // the buffer is zero-filled beyond size
  }

  void bytes(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  private void ensure(int n) {
    if (size + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
    }
  }
}
