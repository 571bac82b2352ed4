package io.camappliance.emulator.hls;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * One fMP4 media segment per KVS fragment (ISO/IEC 14496-12 §8.8): a movie fragment describing the
 * samples, then the samples.
 *
 * <pre>
 * moof
 *   mfhd  sequence_number
 *   traf
 *     tfhd  track_ID, flags 0x020000 (default-base-is-moof)
 *     tfdt  v1 baseMediaDecodeTime (64 bit, 90 kHz)
 *     trun  flags 0x000701: data_offset, then per sample duration | size | flags
 * mdat  AVCC samples back to back
 * </pre>
 *
 * Sample flags: a sync sample {@code 0x02000000} (depends on no other), others {@code 0x01010000}
 * (depends on others, non-sync). Composition offsets are not written: the producer is expected to
 * send no B-frames (kvs-data-model §4), so decode and presentation times are equal.
 */
final class MediaSegment {
  private static final int SYNC = 0x02000000;
  private static final int NON_SYNC = 0x01010000;

  /** A sample: duration in 90 kHz ticks, key flag and its AVCC bytes. */
  record Sample(long duration, boolean key, ByteBuffer data) {}

  private MediaSegment() {}

  static byte[] of(long sequenceNumber, long baseDecodeTime, List<Sample> samples) {
    Mp4Writer w = new Mp4Writer();
    int moof = w.begin("moof");
    int mfhd = w.beginFull("mfhd", 0, 0);
    w.u32(sequenceNumber);
    w.end(mfhd);
    int traf = w.begin("traf");
    int tfhd = w.beginFull("tfhd", 0, 0x020000);
    w.u32(InitSegment.TRACK_ID);
    w.end(tfhd);
    int tfdt = w.beginFull("tfdt", 1, 0);
    w.u64(baseDecodeTime);
    w.end(tfdt);
    int trun = w.beginFull("trun", 0, 0x000701);
    w.u32(samples.size());
    int dataOffset = w.size();
    w.u32(0); // patched below: from the start of moof to the first sample byte
    for (Sample s : samples) {
      w.u32(s.duration());
      w.u32(s.data().remaining());
      w.u32(s.key() ? SYNC : NON_SYNC);
    }
    w.end(trun);
    w.end(traf);
    w.end(moof);
    int mdat = w.begin("mdat");
    w.put32(dataOffset, w.size() - moof);
    for (Sample s : samples) {
      ByteBuffer d = s.data().duplicate();
      byte[] b = new byte[d.remaining()];
      d.get(b);
      w.bytes(b, 0, b.length);
    }
    w.end(mdat);
    return w.toByteArray();
  }
}
