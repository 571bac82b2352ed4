package io.camappliance.recording.mp4;

/** mdhd (ISO/IEC 14496-12 §8.4.2): the media timescale and duration, language "und". */
final class MediaHeaderBox {
  /** ISO 639-2 "und" packed as three 5-bit letters minus 0x60: 0 10101 01110 00100. */
  static final int UND = 0x55C4;

  private MediaHeaderBox() {}

  static void write(BoxBuffer b, int timescale, long duration) {
    int version = duration > 0xFFFFFFFFL ? 1 : 0;
    int box = b.beginFull("mdhd", version, 0);
    if (version == 1) {
      b.u64(0).u64(0).u32(timescale).u64(duration);
    } else {
      b.u32(0).u32(0).u32(timescale).u32(duration);
    }
    b.u16(UND).u16(0);
    b.end(box);
  }
}
