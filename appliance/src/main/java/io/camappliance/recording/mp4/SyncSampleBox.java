package io.camappliance.recording.mp4;

/**
 * stss (ISO/IEC 14496-12 §8.6.2): the 1-based numbers of the sync samples (IDR access units,
 * SimpleBlock flag 0x80).
 */
final class SyncSampleBox {
  private SyncSampleBox() {}

  static void write(BoxBuffer b, SampleTable t) {
    int box = b.beginFull("stss", 0, 0);
    int countAt = b.length();
    b.u32(0);
    int n = 0;
    for (int i = 0; i < t.sampleCount(); i++) {
      if (t.sync(i)) {
        b.u32(i + 1);
        n++;
      }
    }
    TimeToSampleBox.patch(b, countAt, n);
    b.end(box);
  }
}
