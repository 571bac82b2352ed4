package io.camappliance.recording.mp4;

/** vmhd (ISO/IEC 14496-12 §12.1.2): flags 1, graphicsmode copy, opcolor 0. */
final class VideoMediaHeaderBox {
  private VideoMediaHeaderBox() {}

  static void write(BoxBuffer b) {
    int box = b.beginFull("vmhd", 0, 1);
    b.u16(0).u16(0).u16(0).u16(0);
    b.end(box);
  }
}
