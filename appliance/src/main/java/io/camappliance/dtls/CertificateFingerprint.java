package io.camappliance.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A certificate fingerprint as SDP carries it in {@code a=fingerprint} (RFC 8122 §5): a hash
 * function name, a space, and the hash of the DER certificate as colon-separated hex pairs.
 *
 * <pre>
 *   fingerprint-attribute = "fingerprint" ":" hash-func SP fingerprint
 *   hash-func             = "sha-1" / "sha-224" / "sha-256" / "sha-384" / "sha-512" / ...
 *   fingerprint           = 2UHEX *(":" 2UHEX)
 *
 *   sha-256 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:3E:4B:1E:0C:2F:4B:C0:DA:...
 * </pre>
 *
 * Parsing accepts lower-case hex and hash names (some peers write them) and the SHA family only:
 * RFC 8122 §5 forbids MD2 and MD5. {@link #toString()} writes the canonical upper-case form.
 */
public final class CertificateFingerprint {
  /** SDP name → JCA digest name and digest length in bytes. */
  private static final Map<String, Digest> DIGESTS =
      Map.of(
          "sha-1", new Digest("SHA-1", 20),
          "sha-224", new Digest("SHA-224", 28),
          "sha-256", new Digest("SHA-256", 32),
          "sha-384", new Digest("SHA-384", 48),
          "sha-512", new Digest("SHA-512", 64));

  /** "sha-512" + SP + 64 pairs and 63 colons; anything longer is not a fingerprint. */
  private static final int MAX_LENGTH = 7 + 1 + 64 * 3 - 1;

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private record Digest(String jcaName, int length) {}

  private final String hashFunction;
  private final byte[] value;

  private CertificateFingerprint(String hashFunction, byte[] value) {
    this.hashFunction = hashFunction;
    this.value = value;
  }

  /**
   * Parses the value of an {@code a=fingerprint} attribute, e.g. {@code "sha-256 AB:CD:…"}.
   *
   * @throws IllegalArgumentException naming the offending part when the text is not a fingerprint
   *     of a supported hash function
   */
  public static CertificateFingerprint parse(String attributeValue) {
    Objects.requireNonNull(attributeValue, "attributeValue");
    String text = attributeValue.strip();
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "fingerprint is " + text.length() + " characters, more than " + MAX_LENGTH);
    }
    int space = text.indexOf(' ');
    if (space < 0) {
      throw new IllegalArgumentException(
          "fingerprint '" + text + "' has no space between hash function and value");
    }
    String name = text.substring(0, space).toLowerCase(Locale.ROOT);
    Digest digest = DIGESTS.get(name);
    if (digest == null) {
      throw new IllegalArgumentException(
          "fingerprint hash function '"
              + text.substring(0, space)
              + "' is not one of "
              + DIGESTS.keySet().stream().sorted().toList());
    }
    String hex = text.substring(space + 1).strip();
    int expectedChars = digest.length * 3 - 1;
    if (hex.length() != expectedChars) {
      throw new IllegalArgumentException(
          "a "
              + name
              + " fingerprint has "
              + digest.length
              + " colon-separated hex pairs ("
              + expectedChars
              + " characters), got "
              + hex.length()
              + " characters: '"
              + hex
              + "'");
    }
    byte[] value = new byte[digest.length];
    for (int i = 0; i < digest.length; i++) {
      int at = i * 3;
      int hi = hexValue(hex.charAt(at));
      int lo = hexValue(hex.charAt(at + 1));
      if (hi < 0 || lo < 0) {
        throw new IllegalArgumentException(
            "fingerprint byte "
                + i
                + " is '"
                + hex.substring(at, at + 2)
                + "', not two hex digits, in '"
                + hex
                + "'");
      }
      if (i + 1 < digest.length && hex.charAt(at + 2) != ':') {
        throw new IllegalArgumentException(
            "fingerprint byte "
                + i
                + " is followed by '"
                + hex.charAt(at + 2)
                + "' instead of ':' in '"
                + hex
                + "'");
      }
      value[i] = (byte) (hi << 4 | lo);
    }
    return new CertificateFingerprint(name, value);
  }

  /** The fingerprint of a DER-encoded certificate with the named hash function. */
  static CertificateFingerprint of(String hashFunction, byte[] certificateDer) {
    Digest digest = DIGESTS.get(hashFunction);
    if (digest == null) {
      throw new IllegalArgumentException("unsupported hash function '" + hashFunction + "'");
    }
    return new CertificateFingerprint(hashFunction, hash(digest, certificateDer));
  }

  /** Whether this is the fingerprint of the DER-encoded certificate, in constant time. */
  boolean matches(byte[] certificateDer) {
    return MessageDigest.isEqual(value, hash(DIGESTS.get(hashFunction), certificateDer));
  }

  /** The lower-case SDP name of the hash function, e.g. {@code "sha-256"}. */
  public String hashFunction() {
    return hashFunction;
  }

  /** The SDP form: {@code "sha-256 AB:CD:…"}, upper-case hex. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(hashFunction.length() + 1 + value.length * 3);
    b.append(hashFunction).append(' ');
    for (int i = 0; i < value.length; i++) {
      if (i > 0) {
        b.append(':');
      }
      b.append(HEX[(value[i] >> 4) & 0xF]).append(HEX[value[i] & 0xF]);
    }
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CertificateFingerprint f
        && f.hashFunction.equals(hashFunction)
        && Arrays.equals(f.value, value);
  }

  @Override
  public int hashCode() {
    return 31 * hashFunction.hashCode() + Arrays.hashCode(value);
  }

  /** ASCII hex only: {@link Character#digit} would also take other scripts' digits. */
  private static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }

  private static byte[] hash(Digest digest, byte[] data) {
    try {
      return MessageDigest.getInstance(digest.jcaName).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides " + digest.jcaName, e);
    }
  }
}
