package io.camappliance.srtp;

/**
 * The SRTP key derivation function (RFC 3711 §4.3) with key_derivation_rate 0, which DTLS-SRTP uses
 * (RFC 5764 §4.1.2): each session key is the AES-CM keystream under the master key, starting at the
 * counter
 *
 * <pre>
 *   x  = master_salt XOR (label || 00 00 00 00 00 00)   (7-byte key_id right-aligned in 14 bytes)
 *   IV = x * 2^16
 * </pre>
 *
 * The AEAD profiles (RFC 7714 §11) use the same function with their 12-byte master salt padded with
 * two zero bytes on the right to the 14 bytes above.
 */
final class SrtpKeyDerivation {
  static final int SRTP_ENCRYPTION = 0x00;
  static final int SRTP_AUTHENTICATION = 0x01;
  static final int SRTP_SALT = 0x02;
  static final int SRTCP_ENCRYPTION = 0x03;
  static final int SRTCP_AUTHENTICATION = 0x04;
  static final int SRTCP_SALT = 0x05;

  private final AesCounterMode prf;
  private final byte[] salt14 = new byte[14];

  SrtpKeyDerivation(byte[] masterKey, byte[] masterSalt) {
    if (masterKey.length != 16) {
      throw new IllegalArgumentException(
          "SRTP master key is " + masterKey.length + " bytes, expected 16 (AES-128)");
    }
    if (masterSalt.length != 14 && masterSalt.length != 12) {
      throw new IllegalArgumentException(
          "SRTP master salt is " + masterSalt.length + " bytes, expected 14 or 12 (AEAD)");
    }
    prf = new AesCounterMode(masterKey);
    System.arraycopy(masterSalt, 0, salt14, 0, masterSalt.length);
  }

  /** The first {@code length} bytes of the PRF output for {@code label}. */
  byte[] derive(int label, int length) {
    byte[] iv = new byte[16];
    System.arraycopy(salt14, 0, iv, 0, 14);
    iv[7] ^= (byte) label;
    byte[] out = new byte[length];
    prf.keystream(iv, out, 0, length);
    return out;
  }
}
