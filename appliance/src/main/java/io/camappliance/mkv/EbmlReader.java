package io.camappliance.mkv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Reads EBML (RFC 8794) as the appliance writes it for Matroska (RFC 9559) and the KVS data model:
 * element headers, unsigned integers, strings, binary slices and SimpleBlock headers, from memory
 * or from a file. Every read checks the data length first and fails with an {@link EbmlException}
 * carrying the offset and the offending values; nothing here trusts a size field.
 *
 * <p>Variable-length integers (RFC 8794 §4):
 *
 * <pre>
 * 1xxx xxxx                      1 byte,  7 value bits
 * 01xx xxxx  xxxx xxxx           2 bytes, 14 value bits
 * ...
 * 0000 0001  xxxx xxxx x 7       8 bytes, 56 value bits
 * </pre>
 *
 * An element ID is a vint of 1-4 bytes read with its marker bits kept; a data size is a vint of 1-8
 * bytes whose value bits, all set, mean "unknown size" ({@code FF}, {@code 7F FF}, ...).
 *
 * <p>{@link #scan} walks a live stream: an EBML header, a Segment (often of unknown size) whose
 * children are Info, Tracks, Tags and Clusters; a Cluster of unknown size ends where the next
 * top-level element (Cluster, Tags, Segment, EBML, Info, Tracks, Cues, SeekHead) starts or where
 * the data ends. A tail cut mid-element stops the walk cleanly and reports where the last complete
 * element ends.
 */
public final class EbmlReader {
  /** Largest string or binary element {@link #readString}/{@link #readBytes} copy: 64 MiB. */
  public static final int MAX_COPY = 64 << 20;

  private static final int FILE_WINDOW = 64 << 10;

  private final FileChannel channel;
  private final long length;
  private ByteBuffer window;
  private long windowStart;

  private EbmlReader(FileChannel channel, long length, ByteBuffer window) {
    this.channel = channel;
    this.length = length;
    this.window = window;
  }

  /** A reader over the whole array; offsets are array indices. */
  public static EbmlReader of(byte[] data) {
    return of(ByteBuffer.wrap(data));
  }

  /** A reader over {@code buf}'s position..limit; offset 0 is the buffer's position. */
  public static EbmlReader of(ByteBuffer buf) {
    ByteBuffer slice = buf.slice();
    return new EbmlReader(null, slice.remaining(), slice);
  }

  /**
   * A reader over the file's current size, reading through a small window with positional reads;
   * the channel stays open and owned by the caller.
   */
  public static EbmlReader of(FileChannel channel) throws IOException {
    return new EbmlReader(channel, channel.size(), ByteBuffer.allocate(0));
  }

  /** The number of bytes this reader sees. */
  public long length() {
    return length;
  }

  /** A SimpleBlock's header (RFC 9559 §10.1; KVS data model §2), before the frame data. */
  public record SimpleBlockHeader(long trackNumber, short relativeTimecode, int flags, int length) {
    public static final int KEYFRAME = 0x80;
    public static final int LACING = 0x06;

    public boolean keyframe() {
      return (flags & KEYFRAME) != 0;
    }
  }

  /** What a {@link #scan} found. */
  public record ScanResult(long completeEnd, boolean truncated, long elements) {}

  /** Receives each element a scan meets, outer before inner. */
  @FunctionalInterface
  public interface Visitor {
    /**
     * @param depth 0 for EBML and Segment, 1 for Segment children, 2 for Cluster children
     */
    void visit(EbmlElement element, int depth) throws IOException;
  }

  /**
   * True when a complete element header (ID and size) fits at {@code offset}; false at a truncated
   * tail. Does not validate the bytes.
   */
  public boolean headerFits(long offset) throws IOException {
    if (offset >= length) {
      return false;
    }
    int idLen = vintLength(byteAt(offset));
    if (idLen == 0 || offset + idLen >= length) {
      return idLen == 0; // an invalid ID byte is reported by readElement, not as truncation
    }
    int sizeLen = vintLength(byteAt(offset + idLen));
    return sizeLen == 0 || offset + idLen + sizeLen <= length;
  }

  /** Reads the element header at {@code offset}. The data may extend past the end; check it. */
  public EbmlElement readElement(long offset) throws IOException {
    need(offset, 1, "element ID");
    int first = byteAt(offset);
    int idLen = vintLength(first);
    if (idLen == 0 || idLen > 4) {
      throw new EbmlException(
          offset, "invalid element ID first byte 0x" + Integer.toHexString(first));
    }
    need(offset, idLen, "element ID of " + idLen + " bytes");
    int id = 0;
    for (int i = 0; i < idLen; i++) {
      id = (id << 8) | byteAt(offset + i);
    }
    long sizeAt = offset + idLen;
    need(sizeAt, 1, "data size of element 0x" + Integer.toHexString(id));
    int sizeFirst = byteAt(sizeAt);
    int sizeLen = vintLength(sizeFirst);
    if (sizeLen == 0) {
      throw new EbmlException(
          sizeAt, "invalid data size first byte 0x00 for element 0x" + Integer.toHexString(id));
    }
    need(sizeAt, sizeLen, "data size of " + sizeLen + " bytes");
    long size = sizeFirst & (0xFF >>> sizeLen);
    boolean allOnes = size == (0xFF >>> sizeLen);
    for (int i = 1; i < sizeLen; i++) {
      int b = byteAt(sizeAt + i);
      allOnes &= b == 0xFF;
      size = (size << 8) | b;
    }
    return new EbmlElement(id, offset, idLen + sizeLen, allOnes ? EbmlElement.UNKNOWN_SIZE : size);
  }

  /** Reads an unsigned integer element of 0-8 bytes (a size 0 integer is 0). */
  public long readUnsigned(EbmlElement e) throws IOException {
    long size = knownSize(e);
    if (size > 8) {
      throw new EbmlException(
          e.offset(),
          "unsigned integer element 0x"
              + Integer.toHexString(e.id())
              + " has "
              + size
              + " bytes, maximum is 8");
    }
    need(e.dataOffset(), size, "unsigned integer data");
    long v = 0;
    for (int i = 0; i < size; i++) {
      v = (v << 8) | byteAt(e.dataOffset() + i);
    }
    return v;
  }

  /** Reads a string element (ASCII or UTF-8); trailing zero padding is removed. */
  public String readString(EbmlElement e) throws IOException {
    byte[] b = readBytes(e);
    int n = b.length;
    while (n > 0 && b[n - 1] == 0) {
      n--;
    }
    return new String(b, 0, n, StandardCharsets.UTF_8);
  }

  /** Copies a binary element's data (at most {@link #MAX_COPY} bytes). */
  public byte[] readBytes(EbmlElement e) throws IOException {
    long size = knownSize(e);
    if (size > MAX_COPY) {
      throw new EbmlException(
          e.offset(), "element data of " + size + " bytes is too big, maximum is " + MAX_COPY);
    }
    byte[] out = new byte[(int) size];
    read(e.dataOffset(), out, 0, out.length);
    return out;
  }

  /** Copies {@code len} bytes at {@code offset} into {@code dst[dstOff...]}. */
  public void read(long offset, byte[] dst, int dstOff, int len) throws IOException {
    need(offset, len, "bytes");
    if (channel == null) {
      window.get((int) offset, dst, dstOff, len);
      return;
    }
    ByteBuffer d = ByteBuffer.wrap(dst, dstOff, len);
    long p = offset;
    while (d.hasRemaining()) {
      int n = channel.read(d, p);
      if (n < 0) {
        throw new EbmlException(p, "file ended early, expected " + d.remaining() + " more bytes");
      }
      p += n;
    }
  }

  /** Parses the header of a SimpleBlock element's data (track vint, int16 timecode, flags). */
  public SimpleBlockHeader readSimpleBlockHeader(EbmlElement e) throws IOException {
    long size = knownSize(e);
    long at = e.dataOffset();
    need(at, Math.min(size, 1), "SimpleBlock track number");
    if (size < 1) {
      throw new EbmlException(at, "SimpleBlock of " + size + " bytes has no track number");
    }
    int first = byteAt(at);
    int trackLen = vintLength(first);
    if (trackLen == 0 || trackLen > 8) {
      throw new EbmlException(
          at, "invalid SimpleBlock track number byte 0x" + Integer.toHexString(first));
    }
    if (size < trackLen + 3) {
      throw new EbmlException(
          at, "SimpleBlock of " + size + " bytes is shorter than its header " + (trackLen + 3));
    }
    need(at, trackLen + 3, "SimpleBlock header");
    long track = first & (0xFF >>> trackLen);
    for (int i = 1; i < trackLen; i++) {
      track = (track << 8) | byteAt(at + i);
    }
    short tc = (short) ((byteAt(at + trackLen) << 8) | byteAt(at + trackLen + 1));
    int flags = byteAt(at + trackLen + 2);
    return new SimpleBlockHeader(track, tc, flags, trackLen + 3);
  }

  /**
   * Finds the first child with {@code id} inside a master element of known size, or null. Children
   * of unknown size are invalid here.
   */
  public EbmlElement findChild(EbmlElement master, int id) throws IOException {
    long end = master.end();
    if (end > length) {
      throw new EbmlException(
          master.offset(), "element ends at " + end + ", past the data end " + length);
    }
    long pos = master.dataOffset();
    while (pos < end) {
      EbmlElement c = readElement(pos);
      if (c.unknownSize() || c.end() > end) {
        throw new EbmlException(
            pos,
            "child 0x"
                + Integer.toHexString(c.id())
                + " of size "
                + c.size()
                + " does not fit its parent ending at "
                + end);
      }
      if (c.id() == id) {
        return c;
      }
      pos = c.end();
    }
    return null;
  }

  /**
   * Walks a live Matroska stream from {@code offset}, calling {@code visitor} for every element:
   * the EBML header and Segment (depth 0; the walk enters the Segment), Segment children (depth 1:
   * Info, Tracks, Tags visited whole; Clusters entered) and Cluster children (depth 2). Stops
   * cleanly at a truncated tail.
   *
   * @throws EbmlException for bytes that are not valid EBML (not for a truncated tail)
   */
  public ScanResult scan(long offset, Visitor visitor) throws IOException {
    long pos = offset;
    long completeEnd = offset;
    long count = 0;
    boolean inCluster = false;
    long clusterEnd = -1; // for a Cluster of known size; -1 while unknown
    while (pos < length) {
      if (inCluster && clusterEnd >= 0 && pos >= clusterEnd) {
        inCluster = false;
      }
      if (!headerFits(pos)) {
        return new ScanResult(completeEnd, true, count);
      }
      EbmlElement e = readElement(pos);
      int id = e.id();
      if (id == MkvIds.SEGMENT || id == MkvIds.CLUSTER) {
        visitor.visit(e, id == MkvIds.SEGMENT ? 0 : 1);
        inCluster = id == MkvIds.CLUSTER;
        clusterEnd = inCluster && !e.unknownSize() ? e.end() : -1;
        pos = e.dataOffset();
      } else {
        if (e.unknownSize()) {
          throw new EbmlException(
              pos, "element 0x" + Integer.toHexString(id) + " has unknown size");
        }
        if (e.end() > length) {
          return new ScanResult(completeEnd, true, count);
        }
        int depth;
        if (isTopLevel(id)) {
          inCluster = false;
          depth = id == MkvIds.EBML ? 0 : 1;
        } else {
          depth = inCluster ? 2 : 1;
        }
        visitor.visit(e, depth);
        pos = e.end();
      }
      count++;
      completeEnd = pos;
    }
    return new ScanResult(completeEnd, false, count);
  }

  /** IDs that end a Cluster of unknown size (RFC 9559 §6.1 level 0/1 elements). */
  private static boolean isTopLevel(int id) {
    return id == MkvIds.EBML
        || id == MkvIds.SEGMENT
        || id == MkvIds.CLUSTER
        || id == MkvIds.TAGS
        || id == MkvIds.INFO
        || id == MkvIds.TRACKS
        || id == MkvIds.CUES
        || id == MkvIds.SEEK_HEAD;
  }

  private static long knownSize(EbmlElement e) throws EbmlException {
    if (e.unknownSize()) {
      throw new EbmlException(
          e.offset(), "element 0x" + Integer.toHexString(e.id()) + " has unknown size");
    }
    return e.size();
  }

  /** The byte length a vint's first byte announces (1-8), or 0 for the invalid byte 0x00. */
  private static int vintLength(int first) {
    return first == 0 ? 0 : Integer.numberOfLeadingZeros(first) - 23;
  }

  private void need(long offset, long n, String what) throws EbmlException {
    if (offset < 0 || n < 0 || offset > length || length - offset < n) {
      throw new EbmlException(
          offset,
          "need "
              + n
              + " bytes for "
              + what
              + " but only "
              + Math.max(0, length - offset)
              + " remain of "
              + length);
    }
  }

  private int byteAt(long pos) throws IOException {
    if (channel == null) {
      return window.get((int) pos) & 0xFF;
    }
    if (pos < windowStart || pos >= windowStart + window.limit()) {
      fill(pos);
    }
    return window.get((int) (pos - windowStart)) & 0xFF;
  }

  private void fill(long pos) throws IOException {
    if (window.capacity() < FILE_WINDOW) {
      window = ByteBuffer.allocate(FILE_WINDOW);
    }
    window.clear();
    window.limit((int) Math.min(FILE_WINDOW, length - pos));
    long p = pos;
    while (window.hasRemaining()) {
      int n = channel.read(window, p);
      if (n < 0) {
        throw new EbmlException(p, "file ended early at " + p + ", expected length " + length);
      }
      p += n;
    }
    window.flip();
    windowStart = pos;
  }
}
