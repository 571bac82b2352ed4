package io.camappliance.dtls;

import java.util.Objects;

/**
 * The outcome of a DTLS-SRTP handshake: the negotiated protection profile and the keying material
 * exported with the label {@code "EXTRACTOR-dtls_srtp"} and no context (RFC 5764 §4.2, RFC 5705).
 *
 * <p>Layout of {@link #keyingMaterial()}, with {@code K = profile.masterKeyLength()} and {@code S =
 * profile.masterSaltLength()}:
 *
 * <pre>
 *  offset 0        K          2K             2K+S           2K+2S
 *         +--------+----------+--------------+--------------+
 *         | client | server   | client       | server       |
 *         | write  | write    | write        | write        |
 *         | key    | key      | salt         | salt         |
 *         +--------+----------+--------------+--------------+
 *   AES128_CM_HMAC_SHA1_80: K = 16, S = 14, 60 bytes
 *   AEAD_AES_128_GCM:       K = 16, S = 12, 56 bytes
 * </pre>
 *
 * The browser is the DTLS client, so this server protects the media it sends with the
 * <em>server</em> write key and salt, and unprotects what the browser sends (RTCP receiver reports)
 * with the <em>client</em> ones.
 *
 * <p>The array is the caller's: nothing else keeps a reference, so it may be wiped after use.
 */
public record DtlsSrtpKeys(SrtpProtectionProfile profile, byte[] keyingMaterial) {
  public DtlsSrtpKeys {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(keyingMaterial, "keyingMaterial");
    if (keyingMaterial.length != profile.keyingMaterialLength()) {
      throw new IllegalArgumentException(
          "keying material for "
              + profile
              + " is "
              + profile.keyingMaterialLength()
              + " bytes, got "
              + keyingMaterial.length);
    }
  }

  /** Never prints key bytes. */
  @Override
  public String toString() {
    return "DtlsSrtpKeys[" + profile + ", " + keyingMaterial.length + " bytes]";
  }
}
