package io.camappliance.srtp;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SRTP_AEAD_AES_128_GCM (RFC 7714): AES-128-GCM with a 16-byte tag; the RTP header (SRTCP: the
 * first 8 bytes and the E+index word) is associated data.
 *
 * <pre>
 * SRTP IV (§8.1):   salt XOR | 00 00 | SSRC (4) | ROC (4) | SEQ (2) |
 * SRTCP IV (§9.1):  salt XOR | 00 00 | SSRC (4) | 00 00 | 0 + SRTCP index (31 bits) |
 *
 * SRTP:  header | E(payload) | tag(16)                      AAD = header
 * SRTCP: header(8) | E(rest) | tag(16) | E+index(4)         AAD = header(8) | E+index
 * </pre>
 *
 * An SRTCP packet with E = 0 is authenticated only: everything before the tag is AAD (§9.2).
 *
 * <p>The JCA needs {@code Cipher.init} with a new {@link GCMParameterSpec} for every packet, and
 * reports a bad tag only by throwing {@link AEADBadTagException}; both are the JCA's price. Output
 * goes through a reused scratch array rather than in place, which would make the JCA copy the
 * input. Not thread-safe.
 */
final class AesGcmTransform extends SrtpTransform {
  static final int TAG = 16;
  private static final int TAG_BITS = TAG * 8;

  private final Cipher rtpGcm;
  private final Cipher rtcpGcm;
  private final SecretKeySpec rtpKey;
  private final SecretKeySpec rtcpKey;
  private final byte[] rtpSalt;
  private final byte[] rtcpSalt;
  private final byte[] iv = new byte[12];
  private final byte[] indexWord = new byte[4];
  private byte[] scratch = new byte[2048];

  AesGcmTransform(byte[] rtpKey, byte[] rtpSalt, byte[] rtcpKey, byte[] rtcpSalt) {
    try {
      // One cipher per key, so that the JCA keeps each AES key schedule between packets.
      rtpGcm = Cipher.getInstance("AES/GCM/NoPadding");
      rtcpGcm = Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM is part of every Java runtime", e);
    }
    this.rtpKey = new SecretKeySpec(rtpKey, "AES");
    this.rtcpKey = new SecretKeySpec(rtcpKey, "AES");
    this.rtpSalt = rtpSalt.clone();
    this.rtcpSalt = rtcpSalt.clone();
  }

  static AesGcmTransform derive(byte[] masterKey, byte[] masterSalt) {
    SrtpKeyDerivation kdf = new SrtpKeyDerivation(masterKey, masterSalt);
    return new AesGcmTransform(
        kdf.derive(SrtpKeyDerivation.SRTP_ENCRYPTION, 16),
        kdf.derive(SrtpKeyDerivation.SRTP_SALT, 12),
        kdf.derive(SrtpKeyDerivation.SRTCP_ENCRYPTION, 16),
        kdf.derive(SrtpKeyDerivation.SRTCP_SALT, 12));
  }

  private GCMParameterSpec spec(byte[] salt, int ssrc, int high, int low) {
    byte[] v = iv;
    v[0] = salt[0];
    v[1] = salt[1];
    putInt(v, 2, ssrc);
    putInt(v, 6, high);
    v[10] = (byte) (low >>> 8);
    v[11] = (byte) low;
    for (int i = 2; i < 12; i++) {
      v[i] ^= salt[i];
    }
    return new GCMParameterSpec(TAG_BITS, v);
  }

  private byte[] scratch(int len) {
    if (scratch.length < len) {
      scratch = new byte[len];
    }
    return scratch;
  }

  @Override
  int protectRtp(byte[] p, int header, int len, int ssrc, long index) {
    GCMParameterSpec spec = spec(rtpSalt, ssrc, (int) (index >>> 16), (int) index & 0xFFFF);
    byte[] out = scratch(len - header + TAG);
    try {
      rtpGcm.init(Cipher.ENCRYPT_MODE, rtpKey, spec);
      rtpGcm.updateAAD(p, 0, header);
      int n = rtpGcm.doFinal(p, header, len - header, out, 0);
      System.arraycopy(out, 0, p, header, n);
      return header + n;
    } catch (InvalidAlgorithmParameterException e) {
      throw reused(ssrc, index, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  @Override
  boolean unprotectRtp(byte[] p, int header, int len, int ssrc, long index) {
    GCMParameterSpec spec = spec(rtpSalt, ssrc, (int) (index >>> 16), (int) index & 0xFFFF);
    byte[] out = scratch(len - header);
    try {
      rtpGcm.init(Cipher.DECRYPT_MODE, rtpKey, spec);
      rtpGcm.updateAAD(p, 0, header);
      int n = rtpGcm.doFinal(p, header, len - header, out, 0);
      System.arraycopy(out, 0, p, header, n);
      return true;
    } catch (AEADBadTagException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    }
  }

  @Override
  int protectRtcp(byte[] p, int len, int ssrc, int index) {
    GCMParameterSpec spec = spec(rtcpSalt, ssrc, index >>> 16, index & 0xFFFF);
    putInt(indexWord, 0, index | 0x80000000);
    byte[] out = scratch(len - 8 + TAG);
    try {
      rtcpGcm.init(Cipher.ENCRYPT_MODE, rtcpKey, spec);
      rtcpGcm.updateAAD(p, 0, 8);
      rtcpGcm.updateAAD(indexWord, 0, 4);
      int n = rtcpGcm.doFinal(p, 8, len - 8, out, 0);
      System.arraycopy(out, 0, p, 8, n);
      System.arraycopy(indexWord, 0, p, 8 + n, 4);
      return 8 + n + 4;
    } catch (InvalidAlgorithmParameterException e) {
      throw reused(ssrc, index, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  @Override
  boolean unprotectRtcp(byte[] p, int len, int ssrc, int index, boolean encrypted) {
    GCMParameterSpec spec = spec(rtcpSalt, ssrc, index >>> 16, index & 0xFFFF);
    int trailer = len - 4;
    int sealed = encrypted ? 8 : trailer - TAG;
    byte[] out = scratch(trailer - sealed);
    try {
      rtcpGcm.init(Cipher.DECRYPT_MODE, rtcpKey, spec);
      rtcpGcm.updateAAD(p, 0, sealed);
      rtcpGcm.updateAAD(p, trailer, 4);
      int n = rtcpGcm.doFinal(p, sealed, trailer - sealed, out, 0);
      System.arraycopy(out, 0, p, sealed, n);
      return true;
    } catch (AEADBadTagException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    }
  }

  private static IllegalStateException reused(int ssrc, long index, Exception e) {
    return new IllegalStateException(
        String.format(
            "AES-GCM refused to encrypt SSRC %08x index %d twice in a row; send"
                + " retransmissions under RTX (RFC 4588) with their own sequence numbers",
            ssrc, index),
        e);
  }
}
