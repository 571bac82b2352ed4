package io.camappliance.recording.mp4;

/** stsz (ISO/IEC 14496-12 §8.7.3): sample_size 0 (sizes vary), then every sample's size. */
final class SampleSizeBox {
  private SampleSizeBox() {}

  static void write(BoxBuffer b, SampleTable t) {
    int box = b.beginFull("stsz", 0, 0);
    b.u32(0).u32(t.sampleCount());
    for (int i = 0; i < t.sampleCount(); i++) {
      b.u32(t.size(i));
    }
    b.end(box);
  }
}
