package io.camappliance.mkv;

import io.camappliance.h264.AnnexB;
import java.nio.ByteBuffer;

/** Placeholder until the h264 package's AVCC helpers land. */
final class TempH264 {
  private TempH264() {}

  static int avccSize(byte[] src, int off, int len) {
    int[] size = {0};
    AnnexB.forEachNalUnit(src, off, len, (b, o, l) -> size[0] += 4 + l);
    return size[0];
  }

  static void toAvcc(byte[] src, int off, int len, ByteBuffer dst) {
    AnnexB.forEachNalUnit(
        src,
        off,
        len,
        (b, o, l) -> {
          dst.putInt(l);
          dst.put(b, o, l);
        });
  }

  static byte[] avcC(byte[] sps, byte[] pps) {
    ByteBuffer b = ByteBuffer.allocate(11 + sps.length + pps.length);
    b.put((byte) 1).put(sps[1]).put(sps[2]).put(sps[3]).put((byte) 0xFF).put((byte) 0xE1);
    b.putShort((short) sps.length).put(sps).put((byte) 1).putShort((short) pps.length).put(pps);
    return b.array();
  }
}
