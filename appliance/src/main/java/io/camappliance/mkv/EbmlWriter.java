package io.camappliance.mkv;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes EBML elements (RFC 8794) into a {@link ByteBuffer}: element IDs with their marker bits as
 * on the wire, variable-size integers (vints) for sizes, and the value types Matroska uses. Nothing
 * is allocated; masters are written with a fixed-width size that is patched when they end.
 *
 * <pre>
 * element = ID (1-4 bytes, marker bits kept) | size (vint, 1-8 bytes) | data (size bytes)
 * vint    = 0...0 1 value        the count of leading zeros + 1 is the width in bytes;
 *                                all value bits set means "unknown size"
 * </pre>
 */
public final class EbmlWriter {
  private EbmlWriter() {}

  /**
   * The largest size a vint of {@code width} bytes can carry (all ones is reserved for unknown).
   */
  static long maxSize(int width) {
    return (1L << (7 * width)) - 2;
  }

  /** The number of bytes of an element ID (its leading byte's marker tells). */
  public static int idLength(int id) {
    if ((id & 0xFF000000) != 0) {
      return 4;
    }
    if ((id & 0xFF0000) != 0) {
      return 3;
    }
    if ((id & 0xFF00) != 0) {
      return 2;
    }
    return 1;
  }

  /** The smallest vint width that can carry {@code size}. */
  public static int sizeLength(long size) {
    int width = 1;
    while (size > maxSize(width)) {
      width++;
    }
    return width;
  }

  public static void writeId(ByteBuffer dst, int id) {
    for (int shift = (idLength(id) - 1) * 8; shift >= 0; shift -= 8) {
      dst.put((byte) (id >>> shift));
    }
  }

  /** Writes {@code size} as a vint of exactly {@code width} bytes. */
  public static void writeSize(ByteBuffer dst, long size, int width) {
    if (width < 1 || width > 8 || size < 0 || size > maxSize(width)) {
      throw new IllegalArgumentException(
          "size " + size + " does not fit a " + width + "-byte vint");
    }
    long marked = size | (1L << (7 * width));
    for (int shift = (width - 1) * 8; shift >= 0; shift -= 8) {
      dst.put((byte) (marked >>> shift));
    }
  }

  /** Writes an element header: ID and a minimal-width size. */
  public static void writeHeader(ByteBuffer dst, int id, long size) {
    writeId(dst, id);
    writeSize(dst, size, sizeLength(size));
  }

  /** Writes an element header whose size is "unknown" (live Segment and Cluster). */
  public static void writeUnknownSizeHeader(ByteBuffer dst, int id) {
    writeId(dst, id);
    dst.put((byte) MkvIds.UNKNOWN_SIZE_BYTE);
  }

  /** Writes an unsigned integer element in the fewest bytes (at least one). */
  public static void writeUint(ByteBuffer dst, int id, long value) {
    int n = 1;
    while (n < 8 && (value >>> (8 * n)) != 0) {
      n++;
    }
    writeUintFixed(dst, id, value, n);
  }

  /** Writes an unsigned integer element in exactly {@code width} bytes. */
  public static void writeUintFixed(ByteBuffer dst, int id, long value, int width) {
    writeHeader(dst, id, width);
    for (int shift = (width - 1) * 8; shift >= 0; shift -= 8) {
      dst.put((byte) (value >>> shift));
    }
  }

  /** Writes an ASCII or UTF-8 string element. */
  public static void writeString(ByteBuffer dst, int id, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    writeBinary(dst, id, bytes, 0, bytes.length);
  }

  public static void writeBinary(ByteBuffer dst, int id, byte[] value, int off, int len) {
    writeHeader(dst, id, len);
    dst.put(value, off, len);
  }

  /**
   * Starts a master element whose size is patched by {@link #endMaster}.
   *
   * @param width the size field's width in bytes (the master's content must fit it)
   * @return the position of the size field, to pass to {@link #endMaster}
   */
  public static int startMaster(ByteBuffer dst, int id, int width) {
    writeId(dst, id);
    int sizePos = dst.position();
    dst.position(sizePos + width);
    return sizePos;
  }

  /** Patches the size of the master started at {@code sizePos} to cover everything since. */
  public static void endMaster(ByteBuffer dst, int sizePos, int width) {
    int end = dst.position();
    long size = end - sizePos - width;
    dst.position(sizePos);
    writeSize(dst, size, width);
    dst.position(end);
  }
}
