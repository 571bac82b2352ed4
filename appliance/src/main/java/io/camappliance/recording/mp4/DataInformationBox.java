package io.camappliance.recording.mp4;

/**
 * dinf with dref (ISO/IEC 14496-12 §8.7.1-8.7.2): one {@code url } entry with flags 1, meaning the
 * media data is in this file.
 */
final class DataInformationBox {
  private DataInformationBox() {}

  static void write(BoxBuffer b) {
    int dinf = b.begin("dinf");
    int dref = b.beginFull("dref", 0, 0);
    b.u32(1);
    int url = b.beginFull("url ", 0, 1);
    b.end(url);
    b.end(dref);
    b.end(dinf);
  }
}
