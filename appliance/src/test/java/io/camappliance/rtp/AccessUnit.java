package io.camappliance.rtp;

import java.io.ByteArrayOutputStream;

/** Builds Annex-B access units from NAL units for tests. */
final class AccessUnit {
  private AccessUnit() {}

  static final byte[] AUD = {0x09, (byte) 0xf0};

  /** Every NAL unit behind a 4-byte start code. */
  static byte[] of(byte[]... nals) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] nal : nals) {
      out.writeBytes(new byte[] {0, 0, 0, 1});
      out.writeBytes(nal);
    }
    return out.toByteArray();
  }

  /**
   * A NAL unit of {@code size} bytes with this header; the payload counts 1, 2, 3... skipping zero,
   * so it needs no emulation prevention and never ends in zero.
   */
  static byte[] nal(int header, int size) {
    byte[] nal = new byte[size];
    nal[0] = (byte) header;
    for (int i = 1; i < size; i++) {
      nal[i] = (byte) (1 + (i - 1) % 255);
    }
    return nal;
  }
}
