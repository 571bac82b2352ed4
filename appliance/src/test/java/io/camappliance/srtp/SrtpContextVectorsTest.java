package io.camappliance.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.testing.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Published known answers for whole packets. RFC 7714 §16 and §17 give AEAD_AES_128_GCM packets
 * under session keys directly; RFC 3711 has no whole-packet vector, so the AES-CM profile uses the
 * one libsrtp's {@code srtp_validate} self-test publishes, which goes through the RFC 3711 KDF from
 * the appendix B.3 master key.
 */
class SrtpContextVectorsTest {
  // RFC 7714 §16-17, 128-bit key
  private static final byte[] GCM_KEY = Hex.bytes("000102030405060708090a0b0c0d0e0f");
  private static final byte[] GCM_SALT = Hex.bytes("517569642070726f2071756f"); // "Quid pro quo"

  private static final String GCM_RTP =
      """
      8040f17b 8041f8d3 5501a0b2 47616c6c 69612065 7374206f 6d6e6973
      20646976 69736120 696e2070 61727465 73207472 6573""";

  // RFC 7714 §16.1.1 (encryption) and §16.1.2 (decryption): header, ciphertext, 16-byte tag
  private static final String GCM_SRTP =
      """
      8040f17b 8041f8d3 5501a0b2
      f24de3a3 fb34de6c acba861c 9d7e4bca be633bd5 0d294e6f 42a5f47a 51c7d19b 36de3adf 8833
      899d7f27 beb16a91 52cf765e e4390cce""";

  private static final String GCM_RTCP =
      """
      81c8000d 4d617273 4e545031 4e545032 52545020 0000042a 0000e930 4c756e61
      deadbeef deadbeef deadbeef deadbeef deadbeef""";

  // RFC 7714 §17.1.1 (encryption) and §17.1.2 (decryption): SRTCP index 0x5d4, E = 1
  private static final String GCM_SRTCP =
      """
      81c8000d 4d617273
      63e94885 dcdab67c a727d766 2f6b7e99 7ff5c0f7 6c06f32d c676a5f1 730d6fda 4ce09b46 86303ded
      0bb9275b c84aa458 96cf4d2f c5abf872 45d9eade
      800005d4""";

  // RFC 3711 appendix B.3 master key and salt, as libsrtp's srtp_validate uses them
  private static final byte[] CM_KEY = Hex.bytes("e1f97a0d3e018be0d64fa32c06de4139");
  private static final byte[] CM_SALT = Hex.bytes("0ec675ad498afeebb6960b3aabe6");

  private static final String CM_RTP =
      "800f1234 decafbad cafebabe abababab abababab abababab abababab";
  private static final String CM_SRTP =
      """
      800f1234 decafbad cafebabe 4e55dc4c e79978d8 8ca4d215 949d2402
      b78d6acc 99ea179b 8dbb""";
  private static final String CM_RTCP = "81c8000b cafebabe abababab abababab abababab abababab";
  // SRTCP index 1, E = 1, then the 10-byte tag
  private static final String CM_SRTCP =
      """
      81c8000b cafebabe 7128035b e487b9bd bef89041 f977a5a8
      80000001 993e08cd 54d6c123 0798""";

  private static SrtpContext gcm() {
    return SrtpContext.withTransform(
        SrtpProfile.SRTP_AEAD_AES_128_GCM,
        new AesGcmTransform(GCM_KEY, GCM_SALT, GCM_KEY, GCM_SALT));
  }

  private static SrtpContext cm() {
    return SrtpContext.create(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80, CM_KEY, CM_SALT);
  }

  private static byte[] withRoom(String hex, int room) {
    byte[] b = Hex.bytes(hex);
    return Arrays.copyOf(b, b.length + room);
  }

  @Test
  void gcmProtectsTheRfc7714Section16RtpPacket() {
    byte[] buf = withRoom(GCM_RTP, 16);
    int n = gcm().protectRtp(buf, buf.length - 16);
    assertThat(Hex.of(buf, 0, n)).isEqualTo(Hex.of(Hex.bytes(GCM_SRTP)));
  }

  @Test
  void gcmUnprotectsTheRfc7714Section16RtpPacket() {
    byte[] buf = Hex.bytes(GCM_SRTP);
    int n = gcm().unprotectRtp(buf, buf.length);
    assertThat(Hex.of(buf, 0, n)).isEqualTo(Hex.of(Hex.bytes(GCM_RTP)));
  }

  @Test
  void gcmProtectsTheRfc7714Section17RtcpPacketAtIndex0x5d4() {
    SrtpContext ctx = gcm();
    ctx.setNextRtcpIndex(0x4d617273, 0x5d4);
    byte[] buf = withRoom(GCM_RTCP, 20);
    int n = ctx.protectRtcp(buf, buf.length - 20);
    assertThat(Hex.of(buf, 0, n)).isEqualTo(Hex.of(Hex.bytes(GCM_SRTCP)));
  }

  @Test
  void gcmUnprotectsTheRfc7714Section17RtcpPacket() {
    byte[] buf = Hex.bytes(GCM_SRTCP);
    int n = gcm().unprotectRtcp(buf, buf.length);
    assertThat(Hex.of(buf, 0, n)).isEqualTo(Hex.of(Hex.bytes(GCM_RTCP)));
  }

  @Test
  void aesCmProtectsAndUnprotectsTheLibsrtpRtpPacketThroughTheKdf() {
    byte[] buf = withRoom(CM_RTP, 10);
    int n = cm().protectRtp(buf, buf.length - 10);
    assertThat(Hex.of(buf, 0, n)).isEqualTo(Hex.of(Hex.bytes(CM_SRTP)));

    byte[] wire = Hex.bytes(CM_SRTP);
    int m = cm().unprotectRtp(wire, wire.length);
    assertThat(Hex.of(wire, 0, m)).isEqualTo(Hex.of(Hex.bytes(CM_RTP)));
  }

  @Test
  void aesCmProtectsAndUnprotectsTheLibsrtpRtcpPacketAtIndex1() {
    SrtpContext ctx = cm();
    ctx.setNextRtcpIndex(0xcafebabe, 1);
    byte[] buf = withRoom(CM_RTCP, 14);
    int n = ctx.protectRtcp(buf, buf.length - 14);
    assertThat(Hex.of(buf, 0, n)).isEqualTo(Hex.of(Hex.bytes(CM_SRTCP)));

    byte[] wire = Hex.bytes(CM_SRTCP);
    int m = cm().unprotectRtcp(wire, wire.length);
    assertThat(Hex.of(wire, 0, m)).isEqualTo(Hex.of(Hex.bytes(CM_RTCP)));
  }
}
