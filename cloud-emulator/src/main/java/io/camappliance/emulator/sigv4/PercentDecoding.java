package io.camappliance.emulator.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding of URI components (RFC 3986 §2.1). Unlike form decoding, {@code +} stays a plus:
 * SigV4 clients encode a space as {@code %20}. A malformed escape is kept as literal text, so the
 * signature check fails rather than the parser.
 */
final class PercentDecoding {
  private PercentDecoding() {}

  static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      if (c == '%' && i + 2 < s.length()) {
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0) {
          out.write((hi << 4) | lo);
          i += 3;
          continue;
        }
      }
      byte[] b = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
      out.write(b, 0, b.length);
      i += Character.charCount(c);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
