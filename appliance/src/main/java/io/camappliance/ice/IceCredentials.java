package io.camappliance.ice;

import java.security.SecureRandom;

/**
 * Our side's ICE username fragment and password for one session, as the SDP answer carries them in
 * {@code a=ice-ufrag} and {@code a=ice-pwd} (RFC 8839 §5.4). Random: the ufrag picks the session on
 * the shared port and the password keys its MESSAGE-INTEGRITY (RFC 8445 §5.3 asks for at least 24
 * bits of randomness in the ufrag and 128 in the password).
 *
 * @param ufrag 8 ice-chars, 48 bits
 * @param pwd 24 ice-chars, 144 bits
 */
public record IceCredentials(String ufrag, String pwd) {
  private static final char[] ICE_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  public static IceCredentials random() {
    return new IceCredentials(randomChars(8), randomChars(24));
  }

  private static String randomChars(int n) {
    char[] out = new char[n];
    for (int i = 0; i < n; i++) {
      out[i] = ICE_CHARS[RANDOM.nextInt(ICE_CHARS.length)];
    }
    return new String(out);
  }

  @Override
  public String toString() {
    return "IceCredentials[ufrag=" + ufrag + ", pwd=(secret)]";
  }
}
