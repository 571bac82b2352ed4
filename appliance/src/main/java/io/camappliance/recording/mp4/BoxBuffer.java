package io.camappliance.recording.mp4;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable big-endian buffer that writes nested ISO base media file format boxes (ISO/IEC
 * 14496-12 §4.2): {@link #begin} reserves the 32-bit size, {@link #end} patches it.
 *
 * <pre>
 * | size (u32, header included) | type (4 ASCII) | [version u8 | flags u24] | payload |
 * </pre>
 */
final class BoxBuffer {
  private byte[] buf = new byte[4096];
  private int len;

  /** Starts a box; returns its start for {@link #end}. */
  int begin(String type) {
    int start = len;
    u32(0);
    fourCc(type);
    return start;
  }

  /** Starts a full box (with version and flags). */
  int beginFull(String type, int version, int flags) {
    int start = begin(type);
    u8(version);
    u24(flags);
    return start;
  }

  void end(int start) {
    int size = len - start;
    buf[start] = (byte) (size >>> 24);
    buf[start + 1] = (byte) (size >>> 16);
    buf[start + 2] = (byte) (size >>> 8);
    buf[start + 3] = (byte) size;
  }

  BoxBuffer u8(int v) {
    ensure(1);
    buf[len++] = (byte) v;
    return this;
  }

  BoxBuffer u16(int v) {
    return u8(v >>> 8).u8(v);
  }

  BoxBuffer u24(int v) {
    return u8(v >>> 16).u8(v >>> 8).u8(v);
  }

  BoxBuffer u32(long v) {
    return u16((int) (v >>> 16)).u16((int) v);
  }

  BoxBuffer u64(long v) {
    return u32(v >>> 32).u32(v);
  }

  BoxBuffer zeros(int n) {
    ensure(n);
    len += n; // the array is zero-filled beyond len
    return this;
  }

  BoxBuffer bytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
    return this;
  }

  BoxBuffer fourCc(String type) {
    byte[] b = type.getBytes(StandardCharsets.US_ASCII);
    if (b.length != 4) {
      throw new IllegalArgumentException("box type '" + type + "' is not 4 characters");
    }
    return bytes(b);
  }

  /** The unity transformation matrix of mvhd and tkhd (16.16 and 2.30 fixed point). */
  BoxBuffer unityMatrix() {
    return u32(0x00010000)
        .u32(0)
        .u32(0)
        .u32(0)
        .u32(0x00010000)
        .u32(0)
        .u32(0)
        .u32(0)
        .u32(0x40000000);
  }

  int length() {
    return len;
  }

  ByteBuffer toByteBuffer() {
    return ByteBuffer.wrap(buf, 0, len);
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  private void ensure(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }
}
