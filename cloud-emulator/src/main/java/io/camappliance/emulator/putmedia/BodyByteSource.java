package io.camappliance.emulator.putmedia;

import com.amazonaws.kinesisvideo.parser.ebml.ParserByteSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * The request body as the MKV parser's byte source. The parser only consumes what {@link #fill} has
 * buffered, so it never blocks and never waits on a partial element; {@link #fill} blocks on the
 * socket, runs the bytes past the {@link EbmlGuard}, enforces the bandwidth quota by reading more
 * slowly, and cuts the connection where a fault says so. Memory is the one buffer.
 */
final class BodyByteSource implements ParserByteSource {
  private static final int BUFFER = 64 * 1024;

  /** Thrown when an injected fault cuts the connection. */
  static final class CutException extends IOException {
    CutException(long bytes) {
      super("connection cut by fault after " + bytes + " bytes");
    }
  }

  private final InputStream in;
  private final EbmlGuard guard;
  private final long bytesPerSecond;
  private final long cutAfter;
  private final Runnable onData;
  private final byte[] buf = new byte[BUFFER];
  private final long startNanos = System.nanoTime();
  private int pos;
  private int lim;
  private boolean eof;
  private long total;

  BodyByteSource(
      InputStream in, EbmlGuard guard, long bytesPerSecond, long cutAfter, Runnable onData) {
    this.in = in;
    this.guard = guard;
    this.bytesPerSecond = bytesPerSecond;
    this.cutAfter = cutAfter;
    this.onData = onData;
  }

  /**
   * Reads more of the body, blocking until at least one byte arrives.
   *
   * @return false at the end of the body
   */
  boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, lim - pos);
      lim -= pos;
      pos = 0;
    }
    int room = buf.length - lim;
    if (room == 0) {
      return true; // the parser has a full buffer to consume first
    }
    if (cutAfter >= 0) {
      room = (int) Math.min(room, Math.max(1, cutAfter - total));
    }
    if (bytesPerSecond > 0) {
      // Read at most 1/20 s worth at a time, so the pace is even within a buffer.
      room = (int) Math.min(room, Math.max(1, bytesPerSecond / 20));
    }
    int n = in.read(buf, lim, room);
    if (n < 0) {
      eof = true;
      return false;
    }
    if (cutAfter >= 0 && total + n > cutAfter) {
      throw new CutException(cutAfter);
    }
    guard.accept(buf, lim, n);
    lim += n;
    total += n;
    onData.run();
    if (cutAfter >= 0 && total >= cutAfter) {
      throw new CutException(total);
    }
    throttle();
    return true;
  }

  private void throttle() {
    if (bytesPerSecond <= 0) {
      return;
    }
    long due = startNanos + (long) (total * 1e9 / bytesPerSecond);
    long wait = due - System.nanoTime();
    if (wait > 1_000_000) {
      try {
        Thread.sleep(wait / 1_000_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  long totalBytes() {
    return total;
  }

  @Override
  public int readByte() {
    if (pos == lim) {
      return -1;
    }
    return buf[pos++] & 0xFF;
  }

  @Override
  public int available() {
    return lim - pos;
  }

  @Override
  public int readBytes(ByteBuffer dest, int numBytes) {
    int n = Math.min(numBytes, lim - pos);
    if (n == 0 && eof) {
      return -1;
    }
    dest.put(buf, pos, n);
    pos += n;
    return n;
  }

  @Override
  public boolean eof() {
    return eof && pos == lim;
  }
}
