package io.camappliance.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The index sidecar of one segment ({@code seg-<ms>.idx}): a 16-byte header, then one {@link
 * IndexRecord} per completed fragment, appended in order.
 *
 * <pre>
 *  0      4         6            8               12       16
 *  | CIDX | version | record size | header length | crc32 | records...
 *  |      | u16 = 1 | u16 = 48    | u32           | u32   |
 * </pre>
 *
 * {@code header length} is the byte count of the stream header at the start of the data file; the
 * CRC covers bytes 0..11.
 */
final class IndexFile {
  static final int HEADER_SIZE = 16;
  static final int MAGIC = 0x43494458; // "CIDX"
  static final int VERSION = 1;

  private IndexFile() {}

  /** What a sidecar holds; {@code validLength} is where its last intact record ends. */
  record Contents(int headerLength, List<IndexRecord> records, long validLength, long fileLength) {
    boolean torn() {
      return validLength != fileLength;
    }
  }

  static ByteBuffer header(int headerLength) {
    ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE);
    b.putInt(MAGIC)
        .putShort((short) VERSION)
        .putShort((short) IndexRecord.SIZE)
        .putInt(headerLength);
    CRC32 crc = new CRC32();
    crc.update(b.array(), 0, 12);
    b.putInt((int) crc.getValue());
    return b.flip();
  }

  /**
   * Reads a sidecar, stopping at the first record that is short or fails its CRC; returns null when
   * even the header is missing or damaged.
   */
  static Contents read(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < HEADER_SIZE) {
        return null;
      }
      ByteBuffer all = ByteBuffer.allocate((int) Math.min(size, Integer.MAX_VALUE - 8));
      while (all.hasRemaining() && ch.read(all, all.position()) > 0) {}
      all.flip();
      CRC32 crc = new CRC32();
      crc.update(all.array(), 0, 12);
      int magic = all.getInt();
      int version = all.getShort();
      int recordSize = all.getShort();
      int headerLength = all.getInt();
      int stored = all.getInt();
      if (magic != MAGIC
          || version != VERSION
          || recordSize != IndexRecord.SIZE
          || stored != (int) crc.getValue()
          || headerLength <= 0) {
        return null;
      }
      List<IndexRecord> records = new ArrayList<>();
      while (all.remaining() >= IndexRecord.SIZE) {
        IndexRecord r = IndexRecord.readFrom(all);
        if (r == null) {
          break;
        }
        records.add(r);
      }
      return new Contents(
          headerLength, records, HEADER_SIZE + (long) records.size() * IndexRecord.SIZE, size);
    }
  }
}
