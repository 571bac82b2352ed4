package io.camappliance.recording;

import io.camappliance.media.StreamHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One open segment: the data file (stream header, then fragments appended frame by frame) and its
 * index sidecar (a record appended when a fragment completes). Owned by the writer thread.
 *
 * <p>Order of durability: a fragment's frames are written as they come; at completion the data is
 * forced first, then the index record is written and forced, so an index record never points at
 * data that might not be on the device.
 */
final class SegmentWriter implements AutoCloseable {
  final SegmentName name;
  final Path data;
  final Path index;
  final StreamHeader header;
  private final FileChannel dataChannel;
  private final FileChannel indexChannel;
  private final boolean fsync;
  private final ByteBuffer record = ByteBuffer.allocate(IndexRecord.SIZE);
  private long dataPos;
  private long indexPos;
  private long fragmentOffset = -1;
  private long fragmentTimecode;
  private long fragmentEnd;
  private int frames;
  private long firstSeq;
  private long lastSeq;

  private SegmentWriter(
      SegmentName name,
      Path dir,
      StreamHeader header,
      FileChannel d,
      FileChannel i,
      boolean fsync) {
    this.name = name;
    this.data = name.data(dir);
    this.index = name.index(dir);
    this.header = header;
    this.dataChannel = d;
    this.indexChannel = i;
    this.fsync = fsync;
  }

  /** Creates a new segment named after {@code firstTimecode} and writes the stream header. */
  static SegmentWriter create(Path dir, StreamHeader header, long firstTimecode, boolean fsync)
      throws IOException {
    SegmentName name = new SegmentName(firstTimecode, 0);
    while (Files.exists(name.data(dir)) || Files.exists(name.index(dir))) {
      name = new SegmentName(firstTimecode, name.counter() + 1);
    }
    FileChannel d =
        FileChannel.open(name.data(dir), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    FileChannel i;
    try {
      i =
          FileChannel.open(
              name.index(dir), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (IOException e) {
      d.close();
      Files.deleteIfExists(name.data(dir));
      throw e;
    }
    SegmentWriter w = new SegmentWriter(name, dir, header, d, i, fsync);
    try {
      w.dataPos = writeFully(d, ByteBuffer.wrap(header.bytes()), 0);
      w.indexPos = writeFully(i, IndexFile.header(header.bytes().length), 0);
      if (fsync) {
        d.force(false);
        i.force(false);
        forceDirectory(dir);
      }
    } catch (IOException e) {
      w.discard();
      throw e;
    }
    return w;
  }

  boolean inFragment() {
    return fragmentOffset >= 0;
  }

  long firstTimecode() {
    return name.startMillis();
  }

  long dataBytes() {
    return dataPos;
  }

  long indexBytes() {
    return indexPos;
  }

  /** Bytes of the fragment being written, not yet indexed. */
  long pendingBytes() {
    return inFragment() ? dataPos - fragmentOffset : 0;
  }

  void beginFragment(long timecode) {
    fragmentOffset = dataPos;
    fragmentTimecode = timecode;
    fragmentEnd = timecode;
    frames = 0;
  }

  /** Appends one frame's bytes (given as up to two slices) to the open fragment. */
  void append(ByteBuffer a, ByteBuffer b, long timecode, long duration, long sequence)
      throws IOException {
    dataPos = writeFully(dataChannel, a, dataPos);
    dataPos = writeFully(dataChannel, b, dataPos);
    if (frames == 0) {
      firstSeq = sequence;
    }
    lastSeq = sequence;
    frames++;
    fragmentEnd = Math.max(fragmentEnd, timecode + duration);
  }

  /** Indexes the open fragment, forcing data then index; returns its record, or null if none. */
  IndexRecord completeFragment() throws IOException {
    if (!inFragment()) {
      return null;
    }
    if (frames == 0) {
      fragmentOffset = -1;
      return null;
    }
    IndexRecord r =
        new IndexRecord(
            fragmentOffset,
            (int) (dataPos - fragmentOffset),
            fragmentTimecode,
            (int) Math.min(Integer.MAX_VALUE, fragmentEnd - fragmentTimecode),
            frames,
            firstSeq,
            lastSeq);
    if (fsync) {
      dataChannel.force(false);
    }
    record.clear();
    r.writeTo(record);
    record.flip();
    indexPos = writeFully(indexChannel, record, indexPos);
    if (fsync) {
      indexChannel.force(false);
    }
    fragmentOffset = -1;
    return r;
  }

  /**
   * After a write error: drops the unfinished fragment's bytes (best effort) and closes. What was
   * indexed stays valid; recovery repairs anything this could not.
   */
  void abandon() {
    try {
      if (inFragment()) {
        dataChannel.truncate(fragmentOffset);
      }
    } catch (IOException ignored) {
      // the next start-up's recovery truncates it
    }
    fragmentOffset = -1;
    closeQuietly();
  }

  /** Deletes both files; used when the segment could not even be started. */
  void discard() {
    closeQuietly();
    try {
      Files.deleteIfExists(data);
      Files.deleteIfExists(index);
    } catch (IOException ignored) {
      // recovery deletes a segment without indexed fragments
    }
  }

  @Override
  public void close() throws IOException {
    try {
      completeFragment();
    } finally {
      closeQuietly();
    }
  }

  private void closeQuietly() {
    try {
      dataChannel.close();
    } catch (IOException ignored) {
      // nothing more to write
    }
    try {
      indexChannel.close();
    } catch (IOException ignored) {
      // nothing more to write
    }
  }

  private static long writeFully(FileChannel ch, ByteBuffer src, long pos) throws IOException {
    long p = pos;
    while (src.hasRemaining()) {
      p += ch.write(src, p);
    }
    return p;
  }

  /** Makes the new directory entries durable (Linux allows forcing a directory). */
  private static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException ignored) {
      // not supported on every platform; the file contents are forced regardless
    }
  }
}
