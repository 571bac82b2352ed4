package io.camappliance.h264;

import java.io.ByteArrayOutputStream;

/** Writes u(n), ue(v) and se(v) fields, to build synthetic parameter sets bit by bit in tests. */
final class RbspWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private int current;
  private int bits;

  RbspWriter u(int n, long value) {
    for (int i = n - 1; i >= 0; i--) {
      current = (current << 1) | (int) ((value >>> i) & 1);
      if (++bits == 8) {
        out.write(current);
        current = 0;
        bits = 0;
      }
    }
    return this;
  }

  RbspWriter flag(boolean value) {
    return u(1, value ? 1 : 0);
  }

  RbspWriter ue(long value) {
    long v = value + 1;
    int len = 64 - Long.numberOfLeadingZeros(v);
    u(len - 1, 0);
    return u(len, v);
  }

  RbspWriter se(long value) {
    return ue(value > 0 ? 2 * value - 1 : -2 * value);
  }

  /** The RBSP with rbsp_trailing_bits appended. */
  byte[] rbsp() {
    u(1, 1);
    while (bits != 0) {
      u(1, 0);
    }
    return out.toByteArray();
  }

  /** A NAL unit: {@code header}, then the RBSP escaped for emulation prevention. */
  byte[] nal(int header) {
    byte[] rbsp = rbsp();
    byte[] nal = new byte[1 + EmulationPrevention.escapedSize(rbsp, 0, rbsp.length)];
    nal[0] = (byte) header;
    EmulationPrevention.escape(rbsp, 0, rbsp.length, nal, 1);
    return nal;
  }
}
