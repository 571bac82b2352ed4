package io.camappliance.recording.mp4;

import java.nio.charset.StandardCharsets;

/** hdlr (ISO/IEC 14496-12 §8.4.3): handler type {@code vide}, a null-terminated name. */
final class HandlerBox {
  private HandlerBox() {}

  static void write(BoxBuffer b) {
    int box = b.beginFull("hdlr", 0, 0);
    b.u32(0)
        .fourCc("vide")
        .zeros(12)
        .bytes("VideoHandler".getBytes(StandardCharsets.US_ASCII))
        .u8(0);
    b.end(box);
  }
}
