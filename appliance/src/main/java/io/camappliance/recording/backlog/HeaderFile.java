package io.camappliance.recording.backlog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The file that holds one distinct stream header (EBML header, Segment, Info, Tracks), raw, shared
 * by every waiting fragment that needs it. Its key is the first 64 bits of the SHA-256 of its
 * bytes: the same header gets the same key after a restart (header ids start again at 0 then), and
 * recovery checks a header file by hashing it again.
 *
 * <p>Name: {@code header-<key as 16 hex digits>.hdr}; while being written {@code ….hdr.tmp}.
 */
final class HeaderFile {
  static final String PREFIX = "header-";
  static final String SUFFIX = ".hdr";
  private static final HexFormat HEX = HexFormat.of();

  private HeaderFile() {}

  static long key(byte[] header) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(header);
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  static String name(long key) {
    return PREFIX + HEX.toHexDigits(key) + SUFFIX;
  }

  static boolean matches(String name) {
    return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
  }

  /** The key a header file name carries. */
  static long keyOf(String name) throws IOException {
    String digits = name.substring(PREFIX.length(), name.length() - SUFFIX.length());
    if (digits.length() != 16) {
      throw new IOException("file name " + name + " does not carry a 16-digit header key");
    }
    try {
      return HEX.fromHexDigitsToLong(digits);
    } catch (IllegalArgumentException e) {
      throw new IOException("file name " + name + " does not carry a hexadecimal header key");
    }
  }
}
