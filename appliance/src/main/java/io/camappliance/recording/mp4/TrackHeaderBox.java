package io.camappliance.recording.mp4;

/**
 * tkhd (ISO/IEC 14496-12 §8.3.2), flags 3 (enabled, in movie), track 1, width and height in 16.16
 * fixed point; the duration is in the movie timescale.
 */
final class TrackHeaderBox {
  private TrackHeaderBox() {}

  static void write(BoxBuffer b, long duration, int width, int height) {
    int version = duration > 0xFFFFFFFFL ? 1 : 0;
    int box = b.beginFull("tkhd", version, 3);
    if (version == 1) {
      b.u64(0).u64(0).u32(1).u32(0).u64(duration);
    } else {
      b.u32(0).u32(0).u32(1).u32(0).u32(duration);
    }
    b.zeros(8)
        .u16(0)
        .u16(0)
        .u16(0)
        .u16(0)
        .unityMatrix()
        .u32((long) width << 16)
        .u32((long) height << 16);
    b.end(box);
  }
}
