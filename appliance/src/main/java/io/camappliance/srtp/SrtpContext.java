package io.camappliance.srtp;

/**
 * One direction's SRTP and SRTCP crypto context (RFC 3711 §3.2): the session keys derived from one
 * master key and salt, and per SSRC the rollover counter, the SRTCP index and the replay windows. A
 * WebRTC session holds two: one {@link SrtpKeyingMaterial#sendingContext sending} (protect what we
 * send) and one {@link SrtpKeyingMaterial#receivingContext receiving} (unprotect what the browser
 * sends). Packets are transformed in place.
 *
 * <pre>
 * SRTP (RFC 3711 §3.1)                          SRTCP (RFC 3711 §3.4)
 * +----------------------------+ ^              +----------------------------+ ^
 * | V=2|P|X|CC|M|PT| seq       | |              | V=2|P|RC| PT | length      | |
 * | timestamp                  | |              | SSRC of sender             | |
 * | SSRC                       | |              +----------------------------+ |
 * | CSRC..., header extension  | |              | rest of the compound       | |
 * +----------------------------+ | authenticated| packet (encrypted)         | | authenticated
 * | payload (encrypted)        | |              +----------------------------+ |
 * +----------------------------+ v              |E|  SRTCP index (31 bits)    | v
 * | tag (10 or 16 bytes)       |                +----------------------------+
 * +----------------------------+                | tag (10 or 16 bytes)       |
 *                                               +----------------------------+
 * </pre>
 *
 * (For AES-GCM the SRTCP tag precedes the E+index word, RFC 7714 §9.)
 *
 * <p>Protecting our own packets throws {@link IllegalArgumentException} on a malformed packet or a
 * buffer without room for {@link SrtpProfile#rtpOverhead()} / {@link SrtpProfile#rtcpOverhead()}
 * more bytes: that is a bug on our side. Unprotecting what the network sends never throws on bad
 * input: it returns a negative result ({@link #MALFORMED}, {@link #AUTH_FAILED}, {@link #REPLAYED},
 * {@link #TOO_OLD}, {@link #STREAM_LIMIT}) and counts it. Only authenticated packets update the
 * rollover counter and the replay window.
 *
 * <p>Every RTP packet index is sent at most once: with AES-CM a second packet under the same index
 * would reuse keystream, and the JCA's AES-GCM refuses to encrypt the same index twice in a row.
 * Retransmissions go out under RTX (RFC 4588), which has its own SSRC and sequence numbers.
 *
 * <p>Not thread-safe: one owner thread per context (the session's). Ciphers, MAC and buffers are
 * reused, so the AES-CM profile allocates nothing per packet in steady state; the JCA's AES-GCM
 * allocates its parameter spec and per-{@code init} state.
 */
public final class SrtpContext {
  /** Unprotect result: too short, wrong version, or a header running past the packet. */
  public static final int MALFORMED = -1;

  /** Unprotect result: the tag does not match (forged, corrupted, or a wrong key). */
  public static final int AUTH_FAILED = -2;

  /** Unprotect result: this index was already received (RFC 3711 §3.3.2). */
  public static final int REPLAYED = -3;

  /** Unprotect result: the index is more than {@value ReplayWindow#SIZE} behind the highest. */
  public static final int TOO_OLD = -4;

  /** Unprotect result: an authentic packet of a new SSRC beyond {@link #MAX_STREAMS}. */
  public static final int STREAM_LIMIT = -5;

  /** SSRCs tracked per context; a WebRTC session has a handful (video, RTX, audio). */
  public static final int MAX_STREAMS = 32;

  private static final int RTP_HEADER = 12;
  private static final int RTCP_HEADER = 8;

  private final SrtpProfile profile;
  private final SrtpTransform transform;
  private final int tag;
  private final SrtpStream[] streams = new SrtpStream[MAX_STREAMS];
  private int streamCount;
  private long malformed;
  private long authFailures;
  private long replays;

  private SrtpContext(SrtpProfile profile, SrtpTransform transform) {
    this.profile = profile;
    this.transform = transform;
    this.tag = profile.tagLength();
  }

  /**
   * A context for one direction, keyed with that direction's master key and salt (from {@link
   * SrtpKeyingMaterial}); the session keys are derived once here (key_derivation_rate 0).
   *
   * @throws IllegalArgumentException if the key or salt length does not match the profile
   */
  public static SrtpContext create(SrtpProfile profile, byte[] masterKey, byte[] masterSalt) {
    if (masterKey.length != profile.masterKeyLength()
        || masterSalt.length != profile.masterSaltLength()) {
      throw new IllegalArgumentException(
          String.format(
              "%s needs a %d-byte master key and a %d-byte master salt, got %d and %d",
              profile,
              profile.masterKeyLength(),
              profile.masterSaltLength(),
              masterKey.length,
              masterSalt.length));
    }
    SrtpTransform t =
        switch (profile) {
          case SRTP_AES128_CM_HMAC_SHA1_80 -> AesCmHmacSha1Transform.derive(masterKey, masterSalt);
          case SRTP_AEAD_AES_128_GCM -> AesGcmTransform.derive(masterKey, masterSalt);
        };
    return new SrtpContext(profile, t);
  }

  /** A context over given session keys, for the published vectors that start from them. */
  static SrtpContext withTransform(SrtpProfile profile, SrtpTransform transform) {
    return new SrtpContext(profile, transform);
  }

  public SrtpProfile profile() {
    return profile;
  }

  /**
   * Encrypts and authenticates the RTP packet {@code packet[0, length)} in place, appending the
   * tag; {@code packet} must have room for {@link SrtpProfile#rtpOverhead()} more bytes.
   *
   * @return the SRTP packet's length
   * @throws IllegalArgumentException if the packet is malformed or the buffer too small
   * @throws IllegalStateException if the RTP index space of this SSRC is exhausted (2^48 packets)
   */
  public int protectRtp(byte[] packet, int length) {
    checkRoom(packet, length, profile.rtpOverhead(), "RTP");
    int header = rtpHeaderLength(packet, length);
    if (header < 0) {
      throw new IllegalArgumentException(
          String.format(
              "RTP packet of %d bytes is malformed: version %d, %d CSRCs, extension %b",
              length,
              length > 0 ? (packet[0] & 0xFF) >>> 6 : -1,
              length > 0 ? packet[0] & 0x0F : -1,
              length > 0 && (packet[0] & 0x10) != 0));
    }
    int ssrc = readInt(packet, 8);
    int seq = readShort(packet, 2);
    SrtpStream s = stream(ssrc);
    if (s == null) {
      throw new IllegalStateException(
          "no room for SSRC " + Integer.toHexString(ssrc) + ": " + MAX_STREAMS + " streams");
    }
    long index = SrtpStream.estimateIndex(s.sentRtpIndex, seq);
    if (index < 0) {
      throw new IllegalArgumentException(
          String.format(
              "RTP sequence number %d of SSRC %08x lies before the first one sent", seq, ssrc));
    }
    if (index > SrtpStream.MAX_RTP_INDEX) {
      throw new IllegalStateException(
          String.format("SSRC %08x sent 2^48 packets; the session must be rekeyed", ssrc));
    }
    if (index > s.sentRtpIndex) {
      s.sentRtpIndex = index;
    }
    return transform.protectRtp(packet, header, length, ssrc, index);
  }

  /**
   * Verifies and decrypts the SRTP packet {@code packet[0, length)} in place.
   *
   * @return the RTP packet's length, or a negative result ({@link #MALFORMED}, {@link
   *     #AUTH_FAILED}, {@link #REPLAYED}, {@link #TOO_OLD}, {@link #STREAM_LIMIT})
   */
  public int unprotectRtp(byte[] packet, int length) {
    if (packet == null || length < RTP_HEADER + tag || length > packet.length) {
      return count(MALFORMED);
    }
    int header = rtpHeaderLength(packet, length - tag);
    if (header < 0) {
      return count(MALFORMED);
    }
    int ssrc = readInt(packet, 8);
    int seq = readShort(packet, 2);
    SrtpStream s = find(ssrc);
    long index = SrtpStream.estimateIndex(s == null ? -1 : s.receivedRtp.highest(), seq);
    if (index < 0 || index > SrtpStream.MAX_RTP_INDEX) {
      return count(TOO_OLD);
    }
    if (s != null) {
      int replay = s.receivedRtp.check(index);
      if (replay != ReplayWindow.FRESH) {
        return count(replay);
      }
    }
    if (!transform.unprotectRtp(packet, header, length, ssrc, index)) {
      return count(AUTH_FAILED);
    }
    if (s == null && (s = stream(ssrc)) == null) {
      return count(STREAM_LIMIT);
    }
    s.receivedRtp.accept(index);
    return length - tag;
  }

  /**
   * Encrypts and authenticates the (compound) RTCP packet {@code packet[0, length)} in place,
   * appending E+index and tag; {@code packet} must have room for {@link SrtpProfile#rtcpOverhead()}
   * more bytes. The SRTCP index counts per sender SSRC from 0.
   *
   * @return the SRTCP packet's length
   * @throws IllegalArgumentException if the packet is malformed or the buffer too small
   * @throws IllegalStateException if the SRTCP index space of this SSRC is exhausted (2^31)
   */
  public int protectRtcp(byte[] packet, int length) {
    checkRoom(packet, length, profile.rtcpOverhead(), "RTCP");
    if (length < RTCP_HEADER || (packet[0] & 0xC0) != 0x80) {
      throw new IllegalArgumentException(
          String.format(
              "RTCP packet of %d bytes is malformed: needs at least %d bytes and version 2",
              length, RTCP_HEADER));
    }
    int ssrc = readInt(packet, 4);
    SrtpStream s = stream(ssrc);
    if (s == null) {
      throw new IllegalStateException(
          "no room for SSRC " + Integer.toHexString(ssrc) + ": " + MAX_STREAMS + " streams");
    }
    int index = s.nextRtcpIndex;
    if (index < 0) {
      throw new IllegalStateException(
          String.format("SSRC %08x sent 2^31 SRTCP packets; the session must be rekeyed", ssrc));
    }
    s.nextRtcpIndex = index + 1;
    return transform.protectRtcp(packet, length, ssrc, index);
  }

  /**
   * Verifies and (if its E bit is set) decrypts the SRTCP packet {@code packet[0, length)} in
   * place.
   *
   * @return the RTCP packet's length, or a negative result ({@link #MALFORMED}, {@link
   *     #AUTH_FAILED}, {@link #REPLAYED}, {@link #TOO_OLD}, {@link #STREAM_LIMIT})
   */
  public int unprotectRtcp(byte[] packet, int length) {
    int trailer = 4 + tag;
    if (packet == null
        || length < RTCP_HEADER + trailer
        || length > packet.length
        || (packet[0] & 0xC0) != 0x80) {
      return count(MALFORMED);
    }
    int ssrc = readInt(packet, 4);
    int word = readInt(packet, indexOffset(length));
    boolean encrypted = word < 0;
    int index = word & SrtpStream.MAX_RTCP_INDEX;
    SrtpStream s = find(ssrc);
    if (s != null) {
      int replay = s.receivedRtcp.check(index);
      if (replay != ReplayWindow.FRESH) {
        return count(replay);
      }
    }
    if (!transform.unprotectRtcp(packet, length, ssrc, index, encrypted)) {
      return count(AUTH_FAILED);
    }
    if (s == null && (s = stream(ssrc)) == null) {
      return count(STREAM_LIMIT);
    }
    s.receivedRtcp.accept(index);
    return length - trailer;
  }

  /** Where the E+index word sits: before the tag for AES-CM, after it for AES-GCM. */
  private int indexOffset(int length) {
    return profile == SrtpProfile.SRTP_AEAD_AES_128_GCM ? length - 4 : length - 4 - tag;
  }

  /** Packets rejected as {@link #MALFORMED} or {@link #STREAM_LIMIT}. */
  public long malformed() {
    return malformed;
  }

  /** Packets rejected as {@link #AUTH_FAILED}. */
  public long authFailures() {
    return authFailures;
  }

  /** Packets rejected as {@link #REPLAYED} or {@link #TOO_OLD}. */
  public long replays() {
    return replays;
  }

  /** A few words for an unprotect result, for logs. */
  public static String describe(int result) {
    return switch (result) {
      case MALFORMED -> "malformed";
      case AUTH_FAILED -> "authentication failed";
      case REPLAYED -> "replayed";
      case TOO_OLD -> "too old for the replay window";
      case STREAM_LIMIT -> "too many SSRCs";
      default -> result >= 0 ? "ok (" + result + " bytes)" : "unknown result " + result;
    };
  }

  /** The highest RTP packet index (ROC * 2^16 + SEQ) sent or received for {@code ssrc}, or -1. */
  long rtpIndex(int ssrc, boolean sent) {
    SrtpStream s = find(ssrc);
    return s == null ? -1 : sent ? s.sentRtpIndex : s.receivedRtp.highest();
  }

  /** Sets the next SRTCP index to send for {@code ssrc}, for the published vectors. */
  void setNextRtcpIndex(int ssrc, int index) {
    stream(ssrc).nextRtcpIndex = index;
  }

  private int count(int result) {
    switch (result) {
      case AUTH_FAILED -> authFailures++;
      case REPLAYED, TOO_OLD -> replays++;
      default -> malformed++;
    }
    return result;
  }

  private SrtpStream find(int ssrc) {
    for (int i = 0; i < streamCount; i++) {
      if (streams[i].ssrc == ssrc) {
        return streams[i];
      }
    }
    return null;
  }

  /** The stream of {@code ssrc}, created if new; null when {@link #MAX_STREAMS} are tracked. */
  private SrtpStream stream(int ssrc) {
    SrtpStream s = find(ssrc);
    if (s == null && streamCount < MAX_STREAMS) {
      s = new SrtpStream(ssrc);
      streams[streamCount++] = s;
    }
    return s;
  }

  private static void checkRoom(byte[] packet, int length, int overhead, String what) {
    if (length < 0 || length > packet.length - overhead) {
      throw new IllegalArgumentException(
          String.format(
              "%s packet of %d bytes in a buffer of %d: needs room for %d more bytes",
              what, length, packet.length, overhead));
    }
  }

  /**
   * The RTP header length: fixed header, CSRCs and header extension (RFC 3550 §5.1, §5.3.1), or -1
   * if it is not version 2 or does not fit in {@code length}.
   */
  static int rtpHeaderLength(byte[] p, int length) {
    if (length < RTP_HEADER || (p[0] & 0xC0) != 0x80) {
      return -1;
    }
    int n = RTP_HEADER + 4 * (p[0] & 0x0F);
    if ((p[0] & 0x10) != 0) {
      if (n + 4 > length) {
        return -1;
      }
      n += 4 + 4 * readShort(p, n + 2);
    }
    return n <= length ? n : -1;
  }

  private static int readInt(byte[] b, int off) {
    return (b[off] & 0xFF) << 24
        | (b[off + 1] & 0xFF) << 16
        | (b[off + 2] & 0xFF) << 8
        | (b[off + 3] & 0xFF);
  }

  private static int readShort(byte[] b, int off) {
    return (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF);
  }
}
