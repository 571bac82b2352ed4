package io.camappliance.recording.backlog;

import io.camappliance.store.BacklogEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The file that holds one waiting fragment: a fixed preamble with the entry's metadata, then the
 * fragment's bytes exactly as the content store held them (Tags, Cluster header, SimpleBlocks).
 * Recovery rebuilds a {@link BacklogEntry} from the preamble alone, without parsing MKV.
 *
 * <pre>
 * offset size  field (big-endian)
 *  0      4    magic "KVBF"
 *  4      2    version (1)
 *  6      2    preamble length (64)
 *  8      8    fragment timecode, epoch ms (also in the file name)
 * 16      8    duration ms (sum of the frames' durations)
 * 24      8    first frame's source sequence number
 * 32      8    header key (names the header file)
 * 40      8    fragment length L
 * 48      4    frames
 * 52      4    CRC-32C of the L fragment bytes
 * 56      4    reserved (0)
 * 60      4    CRC-32C of bytes 0..59
 * 64      L    the fragment
 * </pre>
 *
 * Name: {@code fragment-<timecode>.frag}; while being written {@code fragment-<timecode>.frag.tmp}.
 */
final class FragmentFile {
  static final int PREAMBLE = 64;
  static final String PREFIX = "fragment-";
  static final String SUFFIX = ".frag";
  private static final int MAGIC = 0x4B564246;
  private static final int VERSION = 1;
  private static final int CRC_OFFSET = 60;

  private FragmentFile() {}

  static String name(long fragmentTimecodeMillis) {
    return PREFIX + fragmentTimecodeMillis + SUFFIX;
  }

  /** True when {@code name} looks like a (finished) fragment file name. */
  static boolean matches(String name) {
    return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
  }

  /** The timecode a fragment file name carries. */
  static long timecodeOf(String name) throws IOException {
    String digits = name.substring(PREFIX.length(), name.length() - SUFFIX.length());
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new IOException("file name " + name + " does not carry a fragment timecode");
    }
  }

  static int crc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }

  /** The preamble for {@code entry} whose bytes have checksum {@code payloadCrc}. */
  static ByteBuffer preamble(BacklogEntry entry, int payloadCrc) {
    ByteBuffer b = ByteBuffer.allocate(PREAMBLE);
    b.putInt(MAGIC)
        .putShort((short) VERSION)
        .putShort((short) PREAMBLE)
        .putLong(entry.fragmentTimecodeMillis())
        .putLong(entry.durationMillis())
        .putLong(entry.firstSequence())
        .putLong(entry.headerKey())
        .putLong(entry.bytes())
        .putInt(entry.frames())
        .putInt(payloadCrc)
        .putInt(0);
    b.putInt(crc(b.array(), 0, CRC_OFFSET));
    return b.flip();
  }

  /** What a parsed preamble says. */
  record Preamble(BacklogEntry entry, int payloadCrc) {}

  /**
   * Parses the preamble at the start of {@code src} (absolute reads from 0) of a file of {@code
   * fileSize} bytes.
   *
   * @throws IOException when the preamble is short, not ours, damaged, or the file's size does not
   *     match the fragment length it announces
   */
  static Preamble parse(ByteBuffer src, long fileSize) throws IOException {
    if (src.limit() < PREAMBLE || fileSize < PREAMBLE) {
      throw new IOException(
          "fragment file has "
              + Math.min(src.limit(), fileSize)
              + " bytes, less than its "
              + PREAMBLE
              + "-byte preamble");
    }
    int magic = src.getInt(0);
    if (magic != MAGIC) {
      throw new IOException("fragment file starts with 0x" + Integer.toHexString(magic));
    }
    int version = src.getShort(4) & 0xFFFF;
    int length = src.getShort(6) & 0xFFFF;
    if (version != VERSION || length != PREAMBLE) {
      throw new IOException(
          "fragment file has version " + version + " and preamble length " + length);
    }
    byte[] head = new byte[CRC_OFFSET];
    src.get(0, head);
    int stored = src.getInt(CRC_OFFSET);
    int actual = crc(head, 0, CRC_OFFSET);
    if (stored != actual) {
      throw new IOException(
          "fragment file preamble checksum is 0x"
              + Integer.toHexString(stored)
              + ", computed 0x"
              + Integer.toHexString(actual));
    }
    long timecode = src.getLong(8);
    long duration = src.getLong(16);
    long firstSequence = src.getLong(24);
    long headerKey = src.getLong(32);
    long bytes = src.getLong(40);
    int frames = src.getInt(48);
    if (bytes < 1 || bytes > Integer.MAX_VALUE - PREAMBLE || frames < 1) {
      throw new IOException(
          "fragment file announces " + bytes + " bytes and " + frames + " frames");
    }
    if (fileSize != PREAMBLE + bytes) {
      throw new IOException(
          "fragment file has "
              + fileSize
              + " bytes, its preamble announces "
              + (PREAMBLE + bytes)
              + " (truncated or overlong)");
    }
    return new Preamble(
        new BacklogEntry(timecode, duration, frames, firstSequence, bytes, headerKey),
        src.getInt(52));
  }
}
