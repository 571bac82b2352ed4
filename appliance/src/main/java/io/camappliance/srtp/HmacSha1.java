package io.camappliance.srtp;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA1 (RFC 2104) over one reused {@link MessageDigest}, writing into the caller's array.
 * {@code javax.crypto.Mac} computes the same value but returns each tag in a new array; SRTP
 * authenticates every packet, so this keeps the hot path free of allocation. The cost is the same:
 * both hash the 64-byte inner and outer pads for every message. Not thread-safe.
 */
final class HmacSha1 {
  private static final int BLOCK = 64;
  static final int LENGTH = 20;

  private final MessageDigest sha1;
  private final byte[] innerPad = new byte[BLOCK];
  private final byte[] outerPad = new byte[BLOCK];
  private final byte[] digest = new byte[LENGTH];
  private final byte[] word = new byte[4];

  HmacSha1(byte[] key) {
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
    }
    byte[] k = key.length > BLOCK ? sha1.digest(key) : key;
    for (int i = 0; i < BLOCK; i++) {
      byte b = i < k.length ? k[i] : 0;
      innerPad[i] = (byte) (b ^ 0x36);
      outerPad[i] = (byte) (b ^ 0x5c);
    }
  }

  /** Starts a message. */
  void start() {
    sha1.reset();
    sha1.update(innerPad);
  }

  void update(byte[] b, int off, int len) {
    sha1.update(b, off, len);
  }

  /** Appends a 32-bit big-endian word (the ROC, RFC 3711 §4.2). */
  void updateInt(int v) {
    word[0] = (byte) (v >>> 24);
    word[1] = (byte) (v >>> 16);
    word[2] = (byte) (v >>> 8);
    word[3] = (byte) v;
    sha1.update(word, 0, 4);
  }

  /** Finishes the message and writes the first {@code len} bytes of the tag to {@code out}. */
  void finish(byte[] out, int off, int len) {
    try {
      sha1.digest(digest, 0, LENGTH);
      sha1.update(outerPad);
      sha1.update(digest);
      sha1.digest(digest, 0, LENGTH);
    } catch (DigestException e) {
      throw new IllegalStateException("digest buffer holds a SHA-1 value", e);
    }
    System.arraycopy(digest, 0, out, off, len);
  }

  /**
   * Finishes the message and compares the first {@code len} bytes of the tag with {@code
   * expected[off, off+len)} in time independent of where they differ.
   */
  boolean finishAndVerify(byte[] expected, int off, int len) {
    finish(digest, 0, LENGTH);
    int diff = 0;
    for (int i = 0; i < len; i++) {
      diff |= digest[i] ^ expected[off + i];
    }
    return diff == 0;
  }
}
