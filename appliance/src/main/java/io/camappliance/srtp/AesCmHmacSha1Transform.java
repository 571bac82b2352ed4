package io.camappliance.srtp;

/**
 * SRTP_AES128_CM_HMAC_SHA1_80 (RFC 3711 §4.1.1, §4.2): AES-128 counter mode encryption and an
 * HMAC-SHA1 tag truncated to 80 bits.
 *
 * <pre>
 * IV (16 bytes) = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16)
 *   byte  0       4        8                 14    16
 *         | k_s[0..3] | k_s[4..7]^SSRC | k_s[8..13] ^ i (48 bits) | 00 00 |
 *
 * SRTP:  header | E(payload) | tag(10)            tag = HMAC(k_a, header | E(payload) | ROC)[0..10)
 * SRTCP: header(8) | E(rest) | E+index(4) | tag(10)   tag = HMAC(k_a, header | E(rest) | E+index)
 * </pre>
 *
 * For SRTCP, {@code i} is the 31-bit SRTCP index.
 */
final class AesCmHmacSha1Transform extends SrtpTransform {
  static final int TAG = 10;

  private final AesCounterMode rtpCipher;
  private final AesCounterMode rtcpCipher;
  private final HmacSha1 rtpMac;
  private final HmacSha1 rtcpMac;
  private final byte[] rtpSalt;
  private final byte[] rtcpSalt;
  private final byte[] iv = new byte[16];

  AesCmHmacSha1Transform(
      byte[] rtpKey,
      byte[] rtpSalt,
      byte[] rtpAuthKey,
      byte[] rtcpKey,
      byte[] rtcpSalt,
      byte[] rtcpAuthKey) {
    this.rtpCipher = new AesCounterMode(rtpKey);
    this.rtcpCipher = new AesCounterMode(rtcpKey);
    this.rtpMac = new HmacSha1(rtpAuthKey);
    this.rtcpMac = new HmacSha1(rtcpAuthKey);
    this.rtpSalt = rtpSalt.clone();
    this.rtcpSalt = rtcpSalt.clone();
  }

  static AesCmHmacSha1Transform derive(byte[] masterKey, byte[] masterSalt) {
    SrtpKeyDerivation kdf = new SrtpKeyDerivation(masterKey, masterSalt);
    return new AesCmHmacSha1Transform(
        kdf.derive(SrtpKeyDerivation.SRTP_ENCRYPTION, 16),
        kdf.derive(SrtpKeyDerivation.SRTP_SALT, 14),
        kdf.derive(SrtpKeyDerivation.SRTP_AUTHENTICATION, HmacSha1.LENGTH),
        kdf.derive(SrtpKeyDerivation.SRTCP_ENCRYPTION, 16),
        kdf.derive(SrtpKeyDerivation.SRTCP_SALT, 14),
        kdf.derive(SrtpKeyDerivation.SRTCP_AUTHENTICATION, HmacSha1.LENGTH));
  }

  private byte[] iv(byte[] salt, int ssrc, long index) {
    byte[] v = iv;
    System.arraycopy(salt, 0, v, 0, 14);
    v[14] = 0;
    v[15] = 0;
    v[4] ^= (byte) (ssrc >>> 24);
    v[5] ^= (byte) (ssrc >>> 16);
    v[6] ^= (byte) (ssrc >>> 8);
    v[7] ^= (byte) ssrc;
    for (int i = 0; i < 6; i++) {
      v[8 + i] ^= (byte) (index >>> (40 - 8 * i));
    }
    return v;
  }

  @Override
  int protectRtp(byte[] p, int header, int len, int ssrc, long index) {
    rtpCipher.apply(iv(rtpSalt, ssrc, index), p, header, len - header);
    rtpMac.start();
    rtpMac.update(p, 0, len);
    rtpMac.updateInt((int) (index >>> 16));
    rtpMac.finish(p, len, TAG);
    return len + TAG;
  }

  @Override
  boolean unprotectRtp(byte[] p, int header, int len, int ssrc, long index) {
    int authenticated = len - TAG;
    rtpMac.start();
    rtpMac.update(p, 0, authenticated);
    rtpMac.updateInt((int) (index >>> 16));
    if (!rtpMac.finishAndVerify(p, authenticated, TAG)) {
      return false;
    }
    rtpCipher.apply(iv(rtpSalt, ssrc, index), p, header, authenticated - header);
    return true;
  }

  @Override
  int protectRtcp(byte[] p, int len, int ssrc, int index) {
    rtcpCipher.apply(iv(rtcpSalt, ssrc, index), p, 8, len - 8);
    putInt(p, len, index | 0x80000000);
    rtcpMac.start();
    rtcpMac.update(p, 0, len + 4);
    rtcpMac.finish(p, len + 4, TAG);
    return len + 4 + TAG;
  }

  @Override
  boolean unprotectRtcp(byte[] p, int len, int ssrc, int index, boolean encrypted) {
    int authenticated = len - TAG;
    rtcpMac.start();
    rtcpMac.update(p, 0, authenticated);
    if (!rtcpMac.finishAndVerify(p, authenticated, TAG)) {
      return false;
    }
    if (encrypted) {
      rtcpCipher.apply(iv(rtcpSalt, ssrc, index), p, 8, authenticated - 4 - 8);
    }
    return true;
  }
}
