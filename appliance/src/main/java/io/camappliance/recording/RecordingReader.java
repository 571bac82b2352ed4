package io.camappliance.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Reads recorded fragments back, in time order, for backfill upload and export. A fragment's bytes
 * (its Tags, Cluster header and SimpleBlocks) are sent after the stream header of its segment; a
 * new PutMedia connection starts with {@link #header}, then whole fragments.
 *
 * <p>Retention may delete a segment while it is being read; reads then fail with {@link
 * java.nio.file.NoSuchFileException} and the caller moves on to the next fragment.
 */
public final class RecordingReader {
  private final RecordingIndex index;

  public RecordingReader(RecordingIndex index) {
    this.index = index;
  }

  /**
   * Fragments overlapping [fromMillis, toMillis) in time order, beginning with the fragment that
   * contains {@code fromMillis} (so the first frame is a key frame).
   */
  public List<RecordedFragment> fragments(long fromMillis, long toMillis) throws IOException {
    return index.fragments(fromMillis, toMillis);
  }

  /** Fragments that start after {@code timecodeMillis}: where a backfill resumes. */
  public List<RecordedFragment> fragmentsAfter(long timecodeMillis) throws IOException {
    return index.fragments(timecodeMillis + 1, Long.MAX_VALUE).stream()
        .filter(f -> f.timecodeMillis() > timecodeMillis)
        .toList();
  }

  /** The stream header (EBML header, Segment, Info, Tracks) the fragment's segment starts with. */
  public byte[] header(RecordedFragment f) throws IOException {
    byte[] out = new byte[f.headerLength()];
    readFully(f.segment(), 0, ByteBuffer.wrap(out));
    return out;
  }

  /** The fragment's bytes as a new array. */
  public byte[] read(RecordedFragment f) throws IOException {
    byte[] out = new byte[f.length()];
    readFully(f.segment(), f.offset(), ByteBuffer.wrap(out));
    return out;
  }

  /** Reads the fragment's bytes into {@code dst}, which must have {@code f.length()} remaining. */
  public void read(RecordedFragment f, ByteBuffer dst) throws IOException {
    if (dst.remaining() < f.length()) {
      throw new IllegalArgumentException(
          "buffer has " + dst.remaining() + " bytes remaining, fragment needs " + f.length());
    }
    ByteBuffer slice = dst.slice().limit(f.length());
    readFully(f.segment(), f.offset(), slice);
    dst.position(dst.position() + f.length());
  }

  private static void readFully(Path file, long offset, ByteBuffer dst) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long p = offset;
      while (dst.hasRemaining()) {
        int n = ch.read(dst, p);
        if (n < 0) {
          throw new IOException(
              file + " ended at " + p + " with " + dst.remaining() + " bytes still expected");
        }
        p += n;
      }
    }
  }
}
