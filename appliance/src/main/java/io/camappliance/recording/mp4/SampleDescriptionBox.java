package io.camappliance.recording.mp4;

/**
 * stsd with one {@code avc1} visual sample entry (ISO/IEC 14496-12 §8.5.2, §12.1.3) holding the
 * {@code avcC} configuration box (ISO/IEC 14496-15 §5.4.2.1).
 *
 * <pre>
 * avc1: reserved(6) data_reference_index=1 | pre_defined/reserved(16) | width u16 | height u16 |
 *       72 dpi x2 (16.16) | reserved u32 | frame_count=1 u16 | compressorname(32) |
 *       depth=0x18 u16 | pre_defined=-1 i16 | avcC box
 * </pre>
 */
final class SampleDescriptionBox {
  private SampleDescriptionBox() {}

  static void write(BoxBuffer b, VideoTrack track) {
    int stsd = b.beginFull("stsd", 0, 0);
    b.u32(1);
    int avc1 = b.begin("avc1");
    b.zeros(6).u16(1).zeros(16).u16(track.width()).u16(track.height());
    b.u32(0x00480000).u32(0x00480000).u32(0).u16(1).zeros(32).u16(0x0018).u16(0xFFFF);
    int avcC = b.begin("avcC");
    b.bytes(track.avcC());
    b.end(avcC);
    b.end(avc1);
    b.end(stsd);
  }
}
