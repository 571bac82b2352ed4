package io.camappliance.recording.mp4;

/**
 * stsc (ISO/IEC 14496-12 §8.7.4): (first_chunk, samples_per_chunk, sample_description_index)
 * entries, one wherever samples_per_chunk changes; chunks are 1-based.
 */
final class SampleToChunkBox {
  private SampleToChunkBox() {}

  static void write(BoxBuffer b, SampleTable t) {
    int box = b.beginFull("stsc", 0, 0);
    int countAt = b.length();
    b.u32(0);
    int entries = 0;
    int previous = -1;
    for (int c = 0; c < t.chunkCount(); c++) {
      int n = t.samplesInChunk(c);
      if (n != previous) {
        b.u32(c + 1).u32(n).u32(1);
        entries++;
        previous = n;
      }
    }
    TimeToSampleBox.patch(b, countAt, entries);
    b.end(box);
  }
}
