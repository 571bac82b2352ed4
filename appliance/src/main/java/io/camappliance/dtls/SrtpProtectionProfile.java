package io.camappliance.dtls;

/**
 * The SRTP protection profiles this server negotiates in the DTLS {@code use_srtp} extension (RFC
 * 5764 §4.1.2, IANA "DTLS-SRTP Protection Profiles"), in our order of preference.
 *
 * <p>Master key and salt lengths are those of the profile definitions: RFC 5764 §4.1.2 for AES-CM
 * (128-bit key, 112-bit salt) and RFC 7714 §12 for AEAD AES-GCM (128-bit key, 96-bit salt). GCM
 * comes first: one AEAD pass encrypts and authenticates, where AES-CM adds an HMAC-SHA1 pass over
 * every packet, and its tag is a full 128 bits instead of 80.
 */
public enum SrtpProtectionProfile {
  /** {@code SRTP_AEAD_AES_128_GCM}, 0x0007 (RFC 7714 §14.2). */
  AEAD_AES_128_GCM(0x0007, 16, 12),
  /** {@code SRTP_AES128_CM_HMAC_SHA1_80}, 0x0001 (RFC 5764 §4.1.2). */
  AES128_CM_HMAC_SHA1_80(0x0001, 16, 14);

  private final int id;
  private final int masterKeyLength;
  private final int masterSaltLength;

  SrtpProtectionProfile(int id, int masterKeyLength, int masterSaltLength) {
    this.id = id;
    this.masterKeyLength = masterKeyLength;
    this.masterSaltLength = masterSaltLength;
  }

  /** The two-byte profile identifier carried in {@code use_srtp}. */
  public int id() {
    return id;
  }

  /** Bytes of SRTP master key per direction. */
  public int masterKeyLength() {
    return masterKeyLength;
  }

  /** Bytes of SRTP master salt per direction. */
  public int masterSaltLength() {
    return masterSaltLength;
  }

  /** Bytes exported from the DTLS session: {@code 2 * (key + salt)} (RFC 5764 §4.2). */
  public int keyingMaterialLength() {
    return 2 * (masterKeyLength + masterSaltLength);
  }

  /** The profile with this identifier, or {@code null} when we do not support it. */
  static SrtpProtectionProfile byId(int id) {
    for (SrtpProtectionProfile p : values()) {
      if (p.id == id) {
        return p;
      }
    }
    return null;
  }
}
