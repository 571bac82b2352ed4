package io.camappliance.dtls;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-session DTLS timing and size limits.
 *
 * @param handshakeTimeout the whole handshake, from {@link DtlsServer#start} to the client's
 *     Finished; a browser on the LAN needs well under a second, so the default 10 s only trips when
 *     the client went away or the path drops everything
 * @param retransmitTimeout the first retransmission timer of a flight, doubled on each expiry (RFC
 *     6347 §4.2.4.1 suggests 1 s, the default)
 * @param mtu the largest datagram this server sends. Default 1200: the IPv6 minimum link MTU of
 *     1280 minus the IPv6 header (40) and UDP header (8) leaves 1232, which still fits a TURN
 *     ChannelData header (4) with room to spare; browsers use about the same budget
 */
public record DtlsSettings(Duration handshakeTimeout, Duration retransmitTimeout, int mtu) {
  /** Below this a handshake message cannot be fragmented sensibly (DTLS header alone is 25). */
  private static final int MIN_MTU = 256;

  private static final int MAX_MTU = 65_507; // largest UDP payload over IPv4

  public DtlsSettings {
    Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
    Objects.requireNonNull(retransmitTimeout, "retransmitTimeout");
    if (handshakeTimeout.toMillis() < 1 || handshakeTimeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "DTLS handshake timeout must be between 1 ms and 24 days, got " + handshakeTimeout);
    }
    if (retransmitTimeout.toMillis() < 1 || retransmitTimeout.toMillis() > 60_000) {
      throw new IllegalArgumentException(
          "DTLS retransmit timeout must be between 1 ms and 60 s, got " + retransmitTimeout);
    }
    if (mtu < MIN_MTU || mtu > MAX_MTU) {
      throw new IllegalArgumentException(
          "DTLS MTU must be between " + MIN_MTU + " and " + MAX_MTU + " bytes, got " + mtu);
    }
  }

  /** 10 s handshake, 1 s first retransmission, 1200-byte datagrams. */
  public static DtlsSettings defaults() {
    return new DtlsSettings(Duration.ofSeconds(10), Duration.ofSeconds(1), 1200);
  }

  /** A copy with another handshake timeout. */
  public DtlsSettings withHandshakeTimeout(Duration timeout) {
    return new DtlsSettings(timeout, retransmitTimeout, mtu);
  }

  /** A copy with another first retransmission timer. */
  public DtlsSettings withRetransmitTimeout(Duration timeout) {
    return new DtlsSettings(handshakeTimeout, timeout, mtu);
  }
}
