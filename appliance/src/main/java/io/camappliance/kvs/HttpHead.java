package io.camappliance.kvs;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The status line and headers of an HTTP/1.1 response (RFC 9112 §4, §5), read with hard limits.
 *
 * <pre>
 * status-line = "HTTP/1." DIGIT SP 3DIGIT SP reason CRLF
 * field-line  = name ":" OWS value OWS CRLF      ; repeated, then an empty line
 * </pre>
 *
 * @param headers lower-case names; a repeated header keeps its last value
 */
record HttpHead(int status, Map<String, String> headers) {
  static final int MAX_LINE = 8192;
  static final int MAX_HEADERS = 100;

  String header(String lowerCaseName) {
    return headers.get(lowerCaseName);
  }

  boolean chunked() {
    String te = header("transfer-encoding");
    return te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
  }

  /** The Content-Length, or -1 when absent. */
  long contentLength() throws PutMediaException {
    String v = header("content-length");
    if (v == null) {
      return -1;
    }
    String t = v.trim();
    if (t.isEmpty() || t.length() > 18 || !t.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
      throw PutMediaException.protocol("Content-Length '" + v + "' is not a number");
    }
    return Long.parseLong(t);
  }

  static HttpHead read(InputStream in) throws IOException {
    String status = readLine(in);
    if (status.length() < 12
        || !status.startsWith("HTTP/1.")
        || status.charAt(8) != ' '
        || !Character.isDigit(status.charAt(9))
        || !Character.isDigit(status.charAt(10))
        || !Character.isDigit(status.charAt(11))) {
      throw PutMediaException.protocol("bad status line '" + status + "'");
    }
    int code = Integer.parseInt(status.substring(9, 12));
    Map<String, String> headers = new HashMap<>();
    for (int n = 0; ; n++) {
      String line = readLine(in);
      if (line.isEmpty()) {
        return new HttpHead(code, headers);
      }
      if (n == MAX_HEADERS) {
        throw PutMediaException.protocol("more than " + MAX_HEADERS + " response headers");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw PutMediaException.protocol("bad header line '" + line + "'");
      }
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
  }

  /** One line without its CRLF (a bare LF is accepted), at most {@link #MAX_LINE} bytes. */
  static String readLine(InputStream in) throws IOException {
    byte[] b = new byte[128];
    int n = 0;
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw new EOFException("connection closed after " + n + " bytes of a line");
      }
      if (c == '\n') {
        if (n > 0 && b[n - 1] == '\r') {
          n--;
        }
        return new String(b, 0, n, StandardCharsets.ISO_8859_1);
      }
      if (n == MAX_LINE) {
        throw PutMediaException.protocol("line longer than " + MAX_LINE + " bytes");
      }
      if (n == b.length) {
        b = Arrays.copyOf(b, Math.min(MAX_LINE, n * 2));
      }
      b[n++] = (byte) c;
    }
  }
}
