package io.camappliance.webrtc;

import io.camappliance.dtls.DtlsSettings;
import io.camappliance.ice.IceConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How {@link WhepSessions} serves viewers.
 *
 * @param maxViewers sessions at once, counted from the offer (1..64); one more is refused with 503
 * @param retryAfter the {@code Retry-After} of that refusal
 * @param udpBind the one UDP address and port every session's ICE, DTLS and SRTP use (port 0: any)
 * @param ice ICE-lite timeouts and the host addresses to advertise (empty: the machine's)
 * @param dtls DTLS handshake timing and MTU
 * @param viewerQueueFrames frames a viewer may fall behind before it skips to the next IDR
 * @param keyframeInterval the least time between two IDR requests to the encoder
 * @param senderReportInterval time between RTCP sender reports
 * @param historyPackets sent packets kept per viewer for retransmission (power of two)
 */
public record WhepSettings(
    int maxViewers,
    Duration retryAfter,
    InetSocketAddress udpBind,
    IceConfig ice,
    DtlsSettings dtls,
    int viewerQueueFrames,
    Duration keyframeInterval,
    Duration senderReportInterval,
    int historyPackets) {

  public WhepSettings {
    Objects.requireNonNull(retryAfter, "retryAfter");
    Objects.requireNonNull(udpBind, "udpBind");
    Objects.requireNonNull(ice, "ice");
    Objects.requireNonNull(dtls, "dtls");
    Objects.requireNonNull(keyframeInterval, "keyframeInterval");
    Objects.requireNonNull(senderReportInterval, "senderReportInterval");
    if (maxViewers < 1 || maxViewers > 64) {
      throw new IllegalArgumentException("max viewers " + maxViewers + " is not 1..64");
    }
    if (viewerQueueFrames < 1 || viewerQueueFrames > 600) {
      throw new IllegalArgumentException(
          "viewer queue of " + viewerQueueFrames + " frames is not 1..600");
    }
    if (senderReportInterval.toMillis() < 10) {
      throw new IllegalArgumentException(
          "sender report interval " + senderReportInterval + " is shorter than 10 ms");
    }
    if (keyframeInterval.isNegative()) {
      throw new IllegalArgumentException("keyframe interval " + keyframeInterval + " is negative");
    }
    if (historyPackets < 1 || historyPackets > 65536 || Integer.bitCount(historyPackets) != 1) {
      throw new IllegalArgumentException(
          "history of " + historyPackets + " packets is not a power of two from 1 to 65536");
    }
  }

  /**
   * Defaults around the given viewer limit, port and advertised addresses: Retry-After 5 s, ICE and
   * DTLS defaults, a one-second viewer queue at 30 fps, at most two IDR requests per second, a
   * sender report per second, 512 packets of history.
   */
  public static WhepSettings defaults(
      int maxViewers, InetSocketAddress udpBind, List<InetAddress> hostAddresses) {
    return new WhepSettings(
        maxViewers,
        Duration.ofSeconds(5),
        udpBind,
        IceConfig.defaults().withHostAddresses(hostAddresses),
        DtlsSettings.defaults(),
        30,
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        512);
  }

  public WhepSettings withIce(IceConfig value) {
    return new WhepSettings(
        maxViewers,
        retryAfter,
        udpBind,
        value,
        dtls,
        viewerQueueFrames,
        keyframeInterval,
        senderReportInterval,
        historyPackets);
  }
}
