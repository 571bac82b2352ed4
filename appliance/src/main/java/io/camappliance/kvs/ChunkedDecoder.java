package io.camappliance.kvs;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads an HTTP/1.1 chunked body (RFC 9112 §7.1) piece by piece, as it arrives.
 *
 * <pre>
 * chunked-body = *chunk last-chunk trailer-section CRLF
 * chunk        = chunk-size [ chunk-ext ] CRLF chunk-data CRLF     ; chunk-size in hex
 * last-chunk   = 1*("0") [ chunk-ext ] CRLF
 * </pre>
 */
final class ChunkedDecoder {
  /** Larger sizes are refused: ACK chunks are a few hundred bytes. */
  static final long MAX_CHUNK = 16L * 1024 * 1024;

  private final InputStream in;
  private long remaining;
  private boolean done;

  ChunkedDecoder(InputStream in) {
    this.in = in;
  }

  /**
   * Reads up to {@code buf.length} bytes of chunk data; -1 after the last chunk and its trailers.
   * An EOF before the last chunk is an {@link EOFException}.
   */
  int read(byte[] buf) throws IOException {
    if (done) {
      return -1;
    }
    while (remaining == 0) {
      long size = chunkSize(HttpHead.readLine(in));
      if (size == 0) {
        while (!HttpHead.readLine(in).isEmpty()) {
          // trailer fields are not used
        }
        done = true;
        return -1;
      }
      remaining = size;
    }
    int n = in.read(buf, 0, (int) Math.min(buf.length, remaining));
    if (n < 0) {
      throw new EOFException("connection closed with " + remaining + " bytes of a chunk missing");
    }
    remaining -= n;
    if (remaining == 0) {
      String crlf = HttpHead.readLine(in);
      if (!crlf.isEmpty()) {
        throw PutMediaException.protocol("chunk data not followed by CRLF but '" + crlf + "'");
      }
    }
    return n;
  }

  private static long chunkSize(String line) throws PutMediaException {
    int semi = line.indexOf(';');
    String hex = (semi >= 0 ? line.substring(0, semi) : line).trim();
    if (hex.isEmpty() || hex.length() > 8) {
      throw PutMediaException.protocol("bad chunk size line '" + line + "'");
    }
    long size = 0;
    for (int i = 0; i < hex.length(); i++) {
      int d = Character.digit(hex.charAt(i), 16);
      if (d < 0) {
        throw PutMediaException.protocol("bad chunk size line '" + line + "'");
      }
      size = size * 16 + d;
    }
    if (size > MAX_CHUNK) {
      throw PutMediaException.protocol("chunk of " + size + " bytes, maximum is " + MAX_CHUNK);
    }
    return size;
  }
}
