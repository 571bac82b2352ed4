package io.camappliance.recording.mp4;

/**
 * mvhd (ISO/IEC 14496-12 §8.2.2), version 0 (or 1 when the duration needs 64 bits): times 0, rate
 * 1.0, volume 1.0, unity matrix, next_track_ID 2.
 */
final class MovieHeaderBox {
  private MovieHeaderBox() {}

  static void write(BoxBuffer b, int timescale, long duration) {
    int version = duration > 0xFFFFFFFFL ? 1 : 0;
    int box = b.beginFull("mvhd", version, 0);
    if (version == 1) {
      b.u64(0).u64(0).u32(timescale).u64(duration);
    } else {
      b.u32(0).u32(0).u32(timescale).u32(duration);
    }
    b.u32(0x00010000).u16(0x0100).zeros(2 + 8).unityMatrix().zeros(24).u32(2);
    b.end(box);
  }
}
