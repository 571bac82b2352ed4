package io.camappliance.ice;

/**
 * What a datagram on the shared media port carries, told apart by its first byte (RFC 7983 §7, the
 * updated RFC 5764 §5.1.2 algorithm):
 *
 * <pre>
 *                  +----------------+
 *                  |        [0..3] -+--&gt; STUN
 *                  |      [16..19] -+--&gt; ZRTP
 *   packet --&gt;     |      [20..63] -+--&gt; DTLS
 *                  |      [64..79] -+--&gt; TURN channel
 *                  |    [128..191] -+--&gt; RTP/RTCP
 *                  +----------------+
 * </pre>
 */
public enum PacketType {
  STUN,
  ZRTP,
  DTLS,
  TURN_CHANNEL,
  RTP,
  /** Any other first byte (and the empty datagram): dropped. */
  OTHER;

  /** The type of a datagram whose first byte is {@code firstByte} (0–255). */
  public static PacketType of(int firstByte) {
    int b = firstByte & 0xFF;
    if (b <= 3) {
      return STUN;
    }
    if (b >= 16 && b <= 19) {
      return ZRTP;
    }
    if (b >= 20 && b <= 63) {
      return DTLS;
    }
    if (b >= 64 && b <= 79) {
      return TURN_CHANNEL;
    }
    if (b >= 128 && b <= 191) {
      return RTP;
    }
    return OTHER;
  }
}
