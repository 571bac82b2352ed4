package io.camappliance.emulator.hls;

import java.nio.charset.StandardCharsets;

/**
 * The fMP4 initialization segment of an HLS session (RFC 8216 §3.3, {@code EXT-X-MAP}): {@code
 * ftyp} and a {@code moov} with one H.264 track and no samples, plus {@code mvex} so that the
 * samples come in movie fragments (ISO/IEC 14496-12 §8.8).
 *
 * <pre>
 * ftyp
 * moov
 *   mvhd
 *   trak
 *     tkhd
 *     mdia
 *       mdhd (timescale 90000)
 *       hdlr (vide)
 *       minf
 *         vmhd
 *         dinf / dref / url
 *         stbl
 *           stsd / avc1 / avcC   (the CodecPrivate, verbatim)
 *           stts stsc stsz stco  (empty)
 *   mvex
 *     trex
 * </pre>
 */
final class InitSegment {
  static final int TRACK_ID = 1;
  private static final int[] UNITY_MATRIX = {0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000};

  private InitSegment() {}

  static byte[] of(VideoTrack track) {
    Mp4Writer w = new Mp4Writer();
    int ftyp = w.begin("ftyp");
    w.fourcc("isom");
    w.u32(0x200);
    w.fourcc("isom");
    w.fourcc("iso6");
    w.fourcc("avc1");
    w.fourcc("mp41");
    w.end(ftyp);

    int moov = w.begin("moov");
    mvhd(w);
    int trak = w.begin("trak");
    tkhd(w, track);
    int mdia = w.begin("mdia");
    mdhd(w);
    hdlr(w);
    int minf = w.begin("minf");
    int vmhd = w.beginFull("vmhd", 0, 1);
    w.zeros(8); // graphicsmode, opcolor
    w.end(vmhd);
    int dinf = w.begin("dinf");
    int dref = w.beginFull("dref", 0, 0);
    w.u32(1);
    w.end(w.beginFull("url ", 0, 1)); // media data in the same file
    w.end(dref);
    w.end(dinf);
    stbl(w, track);
    w.end(minf);
    w.end(mdia);
    w.end(trak);
    int mvex = w.begin("mvex");
    int trex = w.beginFull("trex", 0, 0);
    w.u32(TRACK_ID);
    w.u32(1); // default sample description index
    w.u32(0); // default duration, size, flags: every trun gives its own
    w.u32(0);
    w.u32(0);
    w.end(trex);
    w.end(mvex);
    w.end(moov);
    return w.toByteArray();
  }

  private static void mvhd(Mp4Writer w) {
    int at = w.beginFull("mvhd", 0, 0);
    w.u32(0); // creation time
    w.u32(0); // modification time
    w.u32(1000); // timescale
    w.u32(0); // duration: unknown, fragmented
    w.u32(0x00010000); // rate 1.0
    w.u16(0x0100); // volume 1.0
    w.zeros(10);
    matrix(w);
    w.zeros(24); // pre_defined
    w.u32(TRACK_ID + 1); // next track ID
    w.end(at);
  }

  private static void tkhd(Mp4Writer w, VideoTrack t) {
    int at = w.beginFull("tkhd", 0, 3); // enabled, in movie
    w.u32(0);
    w.u32(0);
    w.u32(TRACK_ID);
    w.u32(0);
    w.u32(0); // duration
    w.zeros(8);
    w.u16(0); // layer
    w.u16(0); // alternate group
    w.u16(0); // volume: video
    w.u16(0);
    matrix(w);
    w.u32((long) t.width() << 16); // 16.16 fixed point
    w.u32((long) t.height() << 16);
    w.end(at);
  }

  private static void mdhd(Mp4Writer w) {
    int at = w.beginFull("mdhd", 0, 0);
    w.u32(0);
    w.u32(0);
    w.u32(VideoTrack.TIMESCALE);
    w.u32(0);
    w.u16(0x55C4); // 'und' packed as 3 x 5 bits
    w.u16(0);
    w.end(at);
  }

  private static void hdlr(Mp4Writer w) {
    int at = w.beginFull("hdlr", 0, 0);
    w.u32(0);
    w.fourcc("vide");
    w.zeros(12);
    byte[] name = "VideoHandler\0".getBytes(StandardCharsets.US_ASCII);
    w.bytes(name, 0, name.length);
    w.end(at);
  }

  private static void stbl(Mp4Writer w, VideoTrack t) {
    int stbl = w.begin("stbl");
    int stsd = w.beginFull("stsd", 0, 0);
    w.u32(1);
    int avc1 = w.begin("avc1");
    w.zeros(6);
    w.u16(1); // data reference index
    w.zeros(16); // pre_defined, reserved
    w.u16(t.width());
    w.u16(t.height());
    w.u32(0x00480000); // 72 dpi
    w.u32(0x00480000);
    w.u32(0);
    w.u16(1); // frame count
    w.zeros(32); // compressor name
    w.u16(0x0018); // depth
    w.u16(0xFFFF); // pre_defined -1
    int avcC = w.begin("avcC");
    w.bytes(t.avcC(), 0, t.avcC().length);
    w.end(avcC);
    w.end(avc1);
    w.end(stsd);
    for (String empty : new String[] {"stts", "stsc", "stco"}) {
      int at = w.beginFull(empty, 0, 0);
      w.u32(0);
      w.end(at);
    }
    int stsz = w.beginFull("stsz", 0, 0);
    w.u32(0);
    w.u32(0);
    w.end(stsz);
    w.end(stbl);
  }

  private static void matrix(Mp4Writer w) {
    for (int v : UNITY_MATRIX) {
      w.u32(v & 0xFFFFFFFFL);
    }
  }
}
