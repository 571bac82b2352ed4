package io.camappliance.srtp;

import java.util.Optional;

/**
 * The SRTP protection profiles a browser offers in the DTLS {@code use_srtp} extension (RFC 5764
 * §4.1.2) that this package implements, with the lengths each one fixes.
 *
 * <pre>
 * profile                        id      master key  master salt  auth key  tag
 * SRTP_AES128_CM_HMAC_SHA1_80    0x0001  16          14           20        10  (RFC 3711, RFC 5764 §4.1.2)
 * SRTP_AEAD_AES_128_GCM          0x0007  16          12           -         16  (RFC 7714 §14.2)
 * </pre>
 *
 * <p>Bytes added to each packet: SRTP adds the tag; SRTCP adds the tag and the 4-byte E+index word
 * (RFC 3711 §3.4), so {@code rtcpOverhead = tag + 4}.
 */
public enum SrtpProfile {
  SRTP_AES128_CM_HMAC_SHA1_80(0x0001, 16, 14, 20, 10),
  SRTP_AEAD_AES_128_GCM(0x0007, 16, 12, 0, 16);

  private final int protectionProfileId;
  private final int masterKeyLength;
  private final int masterSaltLength;
  private final int authKeyLength;
  private final int tagLength;

  SrtpProfile(
      int protectionProfileId,
      int masterKeyLength,
      int masterSaltLength,
      int authKeyLength,
      int tagLength) {
    this.protectionProfileId = protectionProfileId;
    this.masterKeyLength = masterKeyLength;
    this.masterSaltLength = masterSaltLength;
    this.authKeyLength = authKeyLength;
    this.tagLength = tagLength;
  }

  /** The two-byte DTLS-SRTP protection profile id (RFC 5764 §4.1.2, RFC 7714 §14.2). */
  public int protectionProfileId() {
    return protectionProfileId;
  }

  /** Master key length in bytes; also the session encryption key length. */
  public int masterKeyLength() {
    return masterKeyLength;
  }

  /** Master salt length in bytes; also the session salt length. */
  public int masterSaltLength() {
    return masterSaltLength;
  }

  /** Session authentication key length in bytes; 0 for AEAD profiles, whose tag is the GCM tag. */
  public int authKeyLength() {
    return authKeyLength;
  }

  /** Authentication tag length in bytes, for SRTP and SRTCP alike. */
  public int tagLength() {
    return tagLength;
  }

  /** Bytes {@link SrtpContext#protectRtp} adds to an RTP packet. */
  public int rtpOverhead() {
    return tagLength;
  }

  /** Bytes {@link SrtpContext#protectRtcp} adds to an RTCP packet: E+index word and tag. */
  public int rtcpOverhead() {
    return tagLength + 4;
  }

  /**
   * Bytes to ask the DTLS exporter for (RFC 5764 §4.2): {@code 2 * (key + salt)}, 60 for
   * AES-CM-HMAC-SHA1-80 and 56 for AES-128-GCM.
   */
  public int keyingMaterialLength() {
    return 2 * (masterKeyLength + masterSaltLength);
  }

  /** The profile with this DTLS-SRTP id, or empty if this package does not implement it. */
  public static Optional<SrtpProfile> ofProtectionProfileId(int id) {
    for (SrtpProfile p : values()) {
      if (p.protectionProfileId == id) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
