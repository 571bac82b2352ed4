package io.camappliance.recording.mp4;

/**
 * stco, or co64 when an offset needs 64 bits (ISO/IEC 14496-12 §8.7.5): each chunk's offset from
 * the start of the file.
 */
final class ChunkOffsetBox {
  private ChunkOffsetBox() {}

  static void write(BoxBuffer b, SampleTable t) {
    boolean wide = t.chunkCount() > 0 && t.chunkOffset(t.chunkCount() - 1) > 0xFFFFFFFFL;
    int box = b.beginFull(wide ? "co64" : "stco", 0, 0);
    b.u32(t.chunkCount());
    for (int c = 0; c < t.chunkCount(); c++) {
      if (wide) {
        b.u64(t.chunkOffset(c));
      } else {
        b.u32(t.chunkOffset(c));
      }
    }
    b.end(box);
  }
}
