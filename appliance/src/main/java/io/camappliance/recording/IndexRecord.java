package io.camappliance.recording;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * One fragment's entry in a segment's index sidecar: 48 bytes, big-endian, with a CRC32 so a torn
 * or partly written record is recognised after a crash.
 *
 * <pre>
 *  0       8       12      20      24      28      36      44     48
 *  | offset | length | timecode | duration | frames | firstSeq | lastSeq | crc32 |
 *  | u64    | u32    | u64 ms   | u32 ms   | u32    | u64      | u64     | u32   |
 * </pre>
 *
 * The CRC covers bytes 0..43.
 */
record IndexRecord(
    long offset,
    int length,
    long timecodeMillis,
    int durationMillis,
    int frameCount,
    long firstSequence,
    long lastSequence) {

  static final int SIZE = 48;

  void writeTo(ByteBuffer dst) {
    int start = dst.position();
    dst.putLong(offset)
        .putInt(length)
        .putLong(timecodeMillis)
        .putInt(durationMillis)
        .putInt(frameCount)
        .putLong(firstSequence)
        .putLong(lastSequence);
    CRC32 crc = new CRC32();
    crc.update(dst.duplicate().position(start).limit(start + SIZE - 4));
    dst.putInt((int) crc.getValue());
  }

  /** Reads a record at the buffer's position, or null when its CRC does not match. */
  static IndexRecord readFrom(ByteBuffer src) {
    if (src.remaining() < SIZE) {
      throw new IllegalArgumentException(
          "index record needs " + SIZE + " bytes, " + src.remaining() + " remain");
    }
    int start = src.position();
    CRC32 crc = new CRC32();
    crc.update(src.duplicate().position(start).limit(start + SIZE - 4));
    IndexRecord r =
        new IndexRecord(
            src.getLong(),
            src.getInt(),
            src.getLong(),
            src.getInt(),
            src.getInt(),
            src.getLong(),
            src.getLong());
    int stored = src.getInt();
    return stored == (int) crc.getValue() ? r : null;
  }

  long end() {
    return offset + length;
  }
}
