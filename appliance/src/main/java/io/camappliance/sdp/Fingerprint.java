package io.camappliance.sdp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;

/**
 * A certificate fingerprint, {@code a=fingerprint:<hash-func> <hex>:<hex>:...} (RFC 8122 §5): the
 * hash of the DER certificate a DTLS peer must present. Written in upper-case hex with colons.
 */
public final class Fingerprint {
  /** MD5 (16 bytes) is the shortest hash the registry lists; SHA-512 (64 bytes) the longest. */
  private static final int MIN_BYTES = 16;

  private static final int MAX_BYTES = 64;

  private final String hashFunction;
  private final byte[] digest;

  private Fingerprint(String hashFunction, byte[] digest) {
    this.hashFunction = hashFunction;
    this.digest = digest;
  }

  /** A fingerprint with this hash function name (as in SDP, e.g. {@code sha-256}) and digest. */
  public static Fingerprint of(String hashFunction, byte[] digest) {
    if (!SdpLines.isToken(hashFunction)) {
      throw new IllegalArgumentException("hash function '" + hashFunction + "' is not a token");
    }
    if (digest.length < MIN_BYTES || digest.length > MAX_BYTES) {
      throw new IllegalArgumentException(
          "digest has " + digest.length + " bytes, expected " + MIN_BYTES + ".." + MAX_BYTES);
    }
    return new Fingerprint(hashFunction.toLowerCase(Locale.ROOT), digest.clone());
  }

  /** The SHA-256 fingerprint of a DER-encoded certificate. */
  public static Fingerprint sha256(byte[] certificateDer) {
    try {
      return new Fingerprint(
          "sha-256", MessageDigest.getInstance("SHA-256").digest(certificateDer));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Parses the attribute value, e.g. {@code sha-256 AB:CD:...}; hex digits of either case. */
  public static Fingerprint parse(String value) throws SdpException {
    return parse(value, 0, value);
  }

  static Fingerprint parse(String value, int line, String text) throws SdpException {
    int space = value.indexOf(' ');
    if (space <= 0) {
      throw problem(line, text, "fingerprint needs '<hash function> <hex>:<hex>:...'");
    }
    String hash = value.substring(0, space);
    String hex = value.substring(space + 1);
    if (!SdpLines.isToken(hash)) {
      throw problem(line, text, "fingerprint hash function '" + hash + "' is not a token");
    }
    if ((hex.length() + 1) % 3 != 0) {
      throw problem(line, text, "fingerprint '" + hex + "' is not hex pairs separated by ':'");
    }
    int n = (hex.length() + 1) / 3;
    if (n < MIN_BYTES || n > MAX_BYTES) {
      throw problem(
          line, text, "fingerprint has " + n + " bytes, expected " + MIN_BYTES + ".." + MAX_BYTES);
    }
    byte[] digest = new byte[n];
    for (int i = 0; i < n; i++) {
      int hi = Character.digit(hex.charAt(3 * i), 16);
      int lo = Character.digit(hex.charAt(3 * i + 1), 16);
      boolean separatorOk = i == n - 1 || hex.charAt(3 * i + 2) == ':';
      if (hi < 0 || lo < 0 || !separatorOk) {
        throw problem(
            line, text, "fingerprint byte " + (i + 1) + " is not two hex digits followed by ':'");
      }
      digest[i] = (byte) (hi << 4 | lo);
    }
    return new Fingerprint(hash.toLowerCase(Locale.ROOT), digest);
  }

  private static SdpException problem(int line, String text, String detail) {
    return line > 0
        ? SdpException.at(line, text, detail)
        : new SdpException(SdpException.Reason.MALFORMED, detail);
  }

  /** The hash function name in lower case, e.g. {@code sha-256}. */
  public String hashFunction() {
    return hashFunction;
  }

  /** A copy of the digest bytes. */
  public byte[] digest() {
    return digest.clone();
  }

  /** Whether {@code certificateDer} hashes to this fingerprint (constant-time comparison). */
  public boolean matches(byte[] certificateDer) throws NoSuchAlgorithmException {
    byte[] actual =
        MessageDigest.getInstance(hashFunction.toUpperCase(Locale.ROOT)).digest(certificateDer);
    return MessageDigest.isEqual(actual, digest);
  }

  /** The attribute value: {@code sha-256 AB:CD:...}. */
  public String format() {
    StringBuilder out = new StringBuilder(hashFunction.length() + 1 + 3 * digest.length);
    out.append(hashFunction).append(' ');
    for (int i = 0; i < digest.length; i++) {
      if (i > 0) {
        out.append(':');
      }
      out.append(Character.toUpperCase(Character.forDigit((digest[i] >> 4) & 0xf, 16)));
      out.append(Character.toUpperCase(Character.forDigit(digest[i] & 0xf, 16)));
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fingerprint f
        && f.hashFunction.equals(hashFunction)
        && Arrays.equals(f.digest, digest);
  }

  @Override
  public int hashCode() {
    return hashFunction.hashCode() * 31 + Arrays.hashCode(digest);
  }

  @Override
  public String toString() {
    return format();
  }
}
