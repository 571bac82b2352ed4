package io.camappliance.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an SDP body into lines (RFC 8866 §5): CRLF or a bare LF ends a line, trailing blank lines
 * are dropped, and the size limits below bound what an untrusted body can make us hold.
 *
 * <p>{@code 64 KiB} and {@code 1000} lines: a Chromium offer with audio, video and a data channel
 * is about 6 KiB and 150 lines; the limits leave room for ten times that.
 */
final class SdpLines {
  static final int MAX_CHARS = 64 * 1024;
  static final int MAX_LINES = 1000;

  private SdpLines() {}

  /** The lines of {@code text}; line {@code n} (1-based) is at index {@code n - 1}. */
  static List<String> split(String text) throws SdpException {
    if (text.length() > MAX_CHARS) {
      throw new SdpException(
          SdpException.Reason.TOO_LARGE,
          "the description has " + text.length() + " characters, the limit is " + MAX_CHARS);
    }
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      int next = end < 0 ? text.length() : end + 1;
      if (end < 0) {
        end = text.length();
      }
      if (end > start && text.charAt(end - 1) == '\r') {
        end--;
      }
      if (lines.size() == MAX_LINES) {
        throw new SdpException(
            SdpException.Reason.TOO_LARGE, "the description has more than " + MAX_LINES + " lines");
      }
      lines.add(text.substring(start, end));
      start = next;
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isEmpty()) {
        throw SdpException.at(i + 1, line, "empty line inside the description");
      }
      for (int j = 0; j < line.length(); j++) {
        char c = line.charAt(j);
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
          throw SdpException.at(
              i + 1, line, String.format("control character 0x%02x at column %d", (int) c, j + 1));
        }
      }
      if (line.length() < 2
          || line.charAt(1) != '='
          || line.charAt(0) < 'a'
          || line.charAt(0) > 'z') {
        throw SdpException.at(i + 1, line, "expected <type>=<value> with a lower-case type letter");
      }
    }
    return lines;
  }

  /** RFC 8866 token characters, used by attribute names, media kinds and mids. */
  static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`{|}~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** RFC 8839 ice-char: ALPHA / DIGIT / "+" / "/". */
  static boolean isIceChars(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '/';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The decimal value of {@code s} when it is 1 to 10 digits and at most {@code max}, else -1. */
  static long number(String s, long max) {
    if (s.isEmpty() || s.length() > 10) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v <= max ? v : -1;
  }
}
