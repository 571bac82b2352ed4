package io.camappliance.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES in counter mode as SRTP uses it (RFC 3711 §4.1.1): keystream block {@code j} is {@code AES(k,
 * IV + j)}, where the IV's low 16 bits are zero so that {@code IV + j} only rewrites the last two
 * bytes (which caps a packet at 2^16 blocks, 1 MiB).
 *
 * <p>The counter blocks are encrypted with one AES/ECB cipher initialised once, into reused
 * buffers: unlike AES/CTR, which needs {@code Cipher.init} with a fresh IV object per packet, this
 * allocates nothing per packet. Not thread-safe.
 */
final class AesCounterMode {
  private static final int BLOCK = 16;
  private static final int MAX_BYTES = BLOCK << 16;

  private final Cipher ecb;
  private byte[] counters = new byte[2048];
  private byte[] keystream = new byte[2048];

  AesCounterMode(byte[] key) {
    try {
      ecb = Cipher.getInstance("AES/ECB/NoPadding");
      ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/ECB is part of every Java runtime", e);
    }
  }

  /**
   * XORs the keystream that starts at counter {@code iv} (16 bytes) into {@code data[off,
   * off+len)}.
   */
  void apply(byte[] iv, byte[] data, int off, int len) {
    generate(iv, len);
    byte[] ks = keystream;
    for (int i = 0; i < len; i++) {
      data[off + i] ^= ks[i];
    }
  }

  /** Writes {@code len} keystream bytes that start at counter {@code iv} into {@code out}. */
  void keystream(byte[] iv, byte[] out, int off, int len) {
    generate(iv, len);
    System.arraycopy(keystream, 0, out, off, len);
  }

  private void generate(byte[] iv, int len) {
    if (len > MAX_BYTES) {
      throw new IllegalArgumentException(
          "AES-CM keystream of " + len + " bytes asked for, at most " + MAX_BYTES);
    }
    int blocks = (len + BLOCK - 1) / BLOCK;
    int bytes = blocks * BLOCK;
    if (counters.length < bytes) {
      counters = new byte[bytes];
      keystream = new byte[bytes];
    }
    byte[] c = counters;
    for (int j = 0, p = 0; j < blocks; j++, p += BLOCK) {
      System.arraycopy(iv, 0, c, p, BLOCK - 2);
      c[p + 14] = (byte) (iv[14] ^ (j >>> 8));
      c[p + 15] = (byte) (iv[15] ^ j);
    }
    try {
      ecb.doFinal(c, 0, bytes, keystream, 0);
    } catch (ShortBufferException e) {
      throw new IllegalStateException("keystream buffer sized to the counters", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/ECB over whole blocks cannot fail", e);
    }
  }
}
