package io.camappliance.recording.mp4;

/**
 * stts (ISO/IEC 14496-12 §8.6.1.2): sample durations, run-length coded as (sample_count,
 * sample_delta) pairs. Decode time equals presentation time (no B-frames), so no ctts.
 */
final class TimeToSampleBox {
  private TimeToSampleBox() {}

  static void write(BoxBuffer b, SampleTable t) {
    int box = b.beginFull("stts", 0, 0);
    int countAt = b.length();
    b.u32(0);
    int entries = 0;
    int i = 0;
    while (i < t.sampleCount()) {
      int d = t.duration(i);
      int run = 1;
      while (i + run < t.sampleCount() && t.duration(i + run) == d) {
        run++;
      }
      b.u32(run).u32(d);
      entries++;
      i += run;
    }
    patch(b, countAt, entries);
    b.end(box);
  }

  /** Overwrites the u32 at {@code at} (an entry count known only after the entries). */
  static void patch(BoxBuffer b, int at, int value) {
    byte[] all = b.toByteBuffer().array();
    all[at] = (byte) (value >>> 24);
    all[at + 1] = (byte) (value >>> 16);
    all[at + 2] = (byte) (value >>> 8);
    all[at + 3] = (byte) value;
  }
}
