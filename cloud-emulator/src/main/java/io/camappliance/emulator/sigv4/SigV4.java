package io.camappliance.emulator.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The primitives of AWS Signature Version 4 (AWS General Reference, "Signature Version 4 signing
 * process"): SHA-256 hashes, HMAC-SHA256, the signing key derivation and RFC 3986 encoding.
 *
 * <pre>
 * kDate    = HMAC("AWS4" + secret, yyyyMMdd)
 * kRegion  = HMAC(kDate, region)
 * kService = HMAC(kRegion, service)
 * kSigning = HMAC(kService, "aws4_request")
 * signature = hex(HMAC(kSigning, stringToSign))
 * </pre>
 */
final class SigV4 {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  static final String TERMINATOR = "aws4_request";

  /** SHA-256 of the empty string: the payload hash of a streamed body (KVS C producer SDK). */
  static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  /** {@code X-Amz-Date}: ISO 8601 basic, UTC. */
  static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private static final HexFormat HEX = HexFormat.of();

  private SigV4() {}

  static String sha256Hex(byte[] data) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }

  static byte[] signingKey(String secret, String date, String region, String service) {
    byte[] kDate = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
    byte[] kRegion = hmac(kDate, region);
    byte[] kService = hmac(kRegion, service);
    return hmac(kService, TERMINATOR);
  }

  static String signature(byte[] signingKey, String stringToSign) {
    return HEX.formatHex(hmac(signingKey, stringToSign));
  }

  static String stringToSign(String amzDate, String scope, String canonicalRequest) {
    return ALGORITHM
        + '\n'
        + amzDate
        + '\n'
        + scope
        + '\n'
        + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
  }

  /** RFC 3986 percent-encoding: everything but {@code A-Z a-z 0-9 - _ . ~} is encoded. */
  static String uriEncode(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 8);
    for (byte b : bytes) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /** Constant-time comparison of two hex signatures. */
  static boolean sameSignature(String expected, String given) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        given.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }
}
