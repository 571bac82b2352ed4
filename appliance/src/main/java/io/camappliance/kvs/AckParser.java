package io.camappliance.kvs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Incremental parser of the PutMedia ACK stream (kvs-putmedia.md §5): the de-chunked response body
 * arrives in arbitrary pieces; each complete line holding a flat JSON object becomes an {@link Ack}.
 *
 * <pre>
 * body   = *( line ( "\n" / "\r\n" ) )
 * line   = *ws [ junk ] "{" pair *( "," pair ) "}" *ws      ; blank lines are skipped
 * pair   = string ":" ( string / number / true / false / null / nested {}/[] )
 * </pre>
 *
 * Keys used: {@code EventType} (string, required), {@code FragmentNumber} (string, kept as text),
 * {@code FragmentTimecode} and {@code ErrorId} (numbers; the quoted form the guide's example shows
 * is tolerated). Unknown keys and nested values are skipped; anything before the first {@code {}
 * is ignored, as the producer SDK's parser does. A line longer than {@link #MAX_LINE_BYTES}, a
 * duplicate key, or any other deviation is counted as malformed and dropped: a bad line never
 * throws and never stops the stream. Not thread-safe; one reader thread feeds it.
 */
public final class AckParser {
  /** The producer SDK's {@code MAX_ACK_FRAGMENT_LEN} (§11, "Max ACK segment length"). */
  public static final int MAX_LINE_BYTES = 1024;

  private static final int MAX_DEPTH = 32;

  private final Consumer<Ack> sink;
  private final byte[] line = new byte[MAX_LINE_BYTES];
  private int length;
  private boolean overlong;
  private long acks;
  private long malformed;
  private String lastProblem = "";

  // per-line parse state
  private int pos;
  private int end;
  private String problem;

  /**
   * @param sink receives each ACK, in order, on the feeding thread
   */
  public AckParser(Consumer<Ack> sink) {
    this.sink = sink;
  }

  /** Consumes the bytes between position and limit; the buffer's position moves to its limit. */
  public void feed(ByteBuffer bytes) {
    while (bytes.hasRemaining()) {
      accept(bytes.get());
    }
  }

  /** Consumes {@code len} bytes of {@code bytes} from {@code off}. */
  public void feed(byte[] bytes, int off, int len) {
    if (off < 0 || len < 0 || off > bytes.length - len) {
      throw new IndexOutOfBoundsException(
          "range " + off + "+" + len + " outside array of " + bytes.length);
    }
    for (int i = off; i < off + len; i++) {
      accept(bytes[i]);
    }
  }

  /** The body ended: a last line without a line break is parsed too. */
  public void end() {
    if (length > 0 || overlong) {
      completeLine();
    }
  }

  /** ACKs delivered so far. */
  public long acks() {
    return acks;
  }

  /** Lines dropped as malformed so far. */
  public long malformed() {
    return malformed;
  }

  /** Why the last malformed line was dropped, with the offending values; "" if none was. */
  public String lastProblem() {
    return lastProblem;
  }

  private void accept(byte b) {
    if (b == '\n') {
      completeLine();
      return;
    }
    if (length == MAX_LINE_BYTES) {
      overlong = true;
      return;
    }
    line[length++] = b;
  }

  private void completeLine() {
    boolean tooLong = overlong;
    int n = length;
    length = 0;
    overlong = false;
    if (tooLong) {
      reject("line longer than " + MAX_LINE_BYTES + " bytes");
      return;
    }
    end = n;
    pos = 0;
    problem = null;
    skipWhitespace();
    if (pos == end) {
      return; // blank line, or a lone "\r"
    }
    Ack ack = parseLine();
    if (ack == null) {
      reject(problem);
      return;
    }
    acks++;
    sink.accept(ack);
  }

  private void reject(String why) {
    malformed++;
    lastProblem = why;
  }

  private Ack parseLine() {
    while (pos < end && line[pos] != '{') {
      pos++;
    }
    if (pos == end) {
      return fail("no '{' in line");
    }
    pos++;
    String eventType = null;
    String fragmentNumber = null;
    long timecode = 0;
    boolean hasTimecode = false;
    int errorId = 0;
    boolean hasErrorId = false;
    skipWhitespace();
    if (pos < end && line[pos] == '}') {
      return fail("empty object");
    }
    while (true) {
      skipWhitespace();
      String key = readString();
      if (key == null) {
        return null;
      }
      skipWhitespace();
      if (pos >= end || line[pos] != ':') {
        return fail("expected ':' after key " + key + " at byte " + pos);
      }
      pos++;
      skipWhitespace();
      switch (key) {
        case "EventType":
          if (eventType != null) {
            return fail("duplicate key EventType");
          }
          eventType = readString();
          if (eventType == null) {
            return null;
          }
          break;
        case "FragmentNumber":
          if (fragmentNumber != null) {
            return fail("duplicate key FragmentNumber");
          }
          fragmentNumber = pos < end && line[pos] == '"' ? readString() : readNumberText();
          if (fragmentNumber == null) {
            return null;
          }
          break;
        case "FragmentTimecode":
          if (hasTimecode) {
            return fail("duplicate key FragmentTimecode");
          }
          String tc = readNumberOrQuoted();
          if (tc == null) {
            return null;
          }
          Long t = toLong(tc, "FragmentTimecode");
          if (t == null) {
            return null;
          }
          timecode = t;
          hasTimecode = true;
          break;
        case "ErrorId":
          if (hasErrorId) {
            return fail("duplicate key ErrorId");
          }
          String id = readNumberOrQuoted();
          if (id == null) {
            return null;
          }
          Long e = toLong(id, "ErrorId");
          if (e == null) {
            return null;
          }
          if (e < Integer.MIN_VALUE || e > Integer.MAX_VALUE) {
            return fail("ErrorId " + id + " outside int range");
          }
          errorId = (int) (long) e;
          hasErrorId = true;
          break;
        default:
          if (!skipValue()) {
            return null;
          }
      }
      skipWhitespace();
      if (pos >= end) {
        return fail("line ended inside the object");
      }
      byte c = line[pos++];
      if (c == '}') {
        break;
      }
      if (c != ',') {
        return fail("expected ',' or '}' at byte " + (pos - 1) + ", found " + printable(c));
      }
    }
    skipWhitespace();
    if (pos != end) {
      return fail("text after the object at byte " + pos);
    }
    if (eventType == null) {
      return fail("no EventType");
    }
    return new Ack(
        AckEventType.ofWire(eventType),
        fragmentNumber == null ? "" : fragmentNumber,
        timecode,
        errorId);
  }

  private String readString() {
    if (pos >= end || line[pos] != '"') {
      return fail("expected '\"' at byte " + pos);
    }
    pos++;
    StringBuilder s = new StringBuilder(48);
    while (pos < end) {
      byte c = line[pos++];
      if (c == '"') {
        return s.toString();
      }
      if (c != '\\') {
        s.append((char) (c & 0xFF));
        continue;
      }
      if (pos >= end) {
        break;
      }
      byte esc = line[pos++];
      switch (esc) {
        case '"':
        case '\\':
        case '/':
          s.append((char) esc);
          break;
        case 'b':
          s.append('\b');
          break;
        case 'f':
          s.append('\f');
          break;
        case 'n':
          s.append('\n');
          break;
        case 'r':
          s.append('\r');
          break;
        case 't':
          s.append('\t');
          break;
        case 'u':
          if (end - pos < 4) {
            return fail("truncated \\u escape at byte " + pos);
          }
          int v = 0;
          for (int i = 0; i < 4; i++) {
            int d = Character.digit(line[pos++], 16);
            if (d < 0) {
              return fail("bad \\u escape at byte " + (pos - 1));
            }
            v = v * 16 + d;
          }
          s.append((char) v);
          break;
        default:
          return fail("bad escape \\" + printable(esc) + " at byte " + (pos - 1));
      }
    }
    return fail("unterminated string");
  }

  /** A JSON number's text (sign, digits, fraction, exponent), or null with a problem. */
  private String readNumberText() {
    int start = pos;
    while (pos < end) {
      byte c = line[pos];
      boolean numeric =
          (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
      if (!numeric) {
        break;
      }
      pos++;
    }
    if (pos == start) {
      return fail("expected a value at byte " + start);
    }
    return new String(line, start, pos - start, StandardCharsets.US_ASCII);
  }

  private String readNumberOrQuoted() {
    return pos < end && line[pos] == '"' ? readString() : readNumberText();
  }

  private Long toLong(String text, String key) {
    int i = text.startsWith("-") ? 1 : 0;
    if (i == text.length() || text.length() - i > 19) {
      return fail(key + " " + text + " is not an integer of at most 19 digits");
    }
    for (int k = i; k < text.length(); k++) {
      if (text.charAt(k) < '0' || text.charAt(k) > '9') {
        return fail(key + " " + text + " is not an integer");
      }
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) { // 19 digits above Long.MAX_VALUE
      return fail(key + " " + text + " overflows a long");
    }
  }

  /** Skips one value of a key this parser does not use. */
  private boolean skipValue() {
    if (pos >= end) {
      fail("missing value at end of line");
      return false;
    }
    byte c = line[pos];
    if (c == '"') {
      return readString() != null;
    }
    if (c == '{' || c == '[') {
      return skipNested();
    }
    if (matches("true") || matches("false") || matches("null")) {
      return true;
    }
    return readNumberText() != null;
  }

  private boolean matches(String literal) {
    if (end - pos < literal.length()) {
      return false;
    }
    for (int i = 0; i < literal.length(); i++) {
      if (line[pos + i] != literal.charAt(i)) {
        return false;
      }
    }
    pos += literal.length();
    return true;
  }

  private boolean skipNested() {
    int depth = 0;
    while (pos < end) {
      byte c = line[pos];
      if (c == '"') {
        if (readString() == null) {
          return false;
        }
        continue;
      }
      pos++;
      if (c == '{' || c == '[') {
        if (++depth > MAX_DEPTH) {
          fail("nesting deeper than " + MAX_DEPTH);
          return false;
        }
      } else if (c == '}' || c == ']') {
        if (--depth == 0) {
          return true;
        }
      }
    }
    fail("unterminated nested value");
    return false;
  }

  private void skipWhitespace() {
    while (pos < end && (line[pos] == ' ' || line[pos] == '\t' || line[pos] == '\r')) {
      pos++;
    }
  }

  private <T> T fail(String why) {
    problem = why;
    return null;
  }

  private static String printable(byte b) {
    return b >= 0x20 && b < 0x7F ? "'" + (char) b + "'" : String.format("0x%02x", b & 0xFF);
  }
}
