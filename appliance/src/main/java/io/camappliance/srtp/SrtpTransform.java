package io.camappliance.srtp;

/**
 * The cryptographic half of a context: encrypts and authenticates one packet whose index is already
 * known. {@link SrtpContext} parses headers, tracks indices and replay; implementations only touch
 * bytes. All offsets are checked by the caller.
 */
abstract class SrtpTransform {

  /** Protects {@code p[0, len)} whose header is {@code header} bytes; returns the new length. */
  abstract int protectRtp(byte[] p, int header, int len, int ssrc, long index);

  /**
   * Verifies and decrypts {@code p[0, len)} (tag included) in place; returns false, leaving {@code
   * p} unspecified, if authentication fails.
   */
  abstract boolean unprotectRtp(byte[] p, int header, int len, int ssrc, long index);

  /**
   * Protects the RTCP packet {@code p[0, len)}, appending E+index and tag; returns the new length.
   */
  abstract int protectRtcp(byte[] p, int len, int ssrc, int index);

  /**
   * Verifies {@code p[0, len)} (trailer included) and, when {@code encrypted}, decrypts it in
   * place; returns false if authentication fails.
   */
  abstract boolean unprotectRtcp(byte[] p, int len, int ssrc, int index, boolean encrypted);

  static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }
}
