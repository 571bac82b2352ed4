package io.camappliance.config;

import java.util.List;

/**
 * {@code [web]}: the status page, live view and WebRTC (WHEP) server. {@link #toString()} never
 * shows the token.
 *
 * @param bind IP address the HTTP server listens on (default {@code 127.0.0.1})
 * @param port HTTP port (default 8080)
 * @param token bearer token a client must present; empty (default) means none, which is allowed
 *     only on a loopback address: any other {@link #bind} requires at least 16 characters
 * @param maxViewers concurrent WebRTC viewers (default 8, 1 to 64)
 * @param webrtcUdpPort the one UDP port every WebRTC session uses (default 8189)
 * @param webrtcAddresses IP addresses offered as ICE host candidates; empty (default) means every
 *     non-loopback LAN address plus loopback
 */
public record WebConfig(
    String bind,
    int port,
    String token,
    int maxViewers,
    int webrtcUdpPort,
    List<String> webrtcAddresses) {

  /** The shortest token accepted when the server is reachable from the network. */
  public static final int MIN_TOKEN_LENGTH = 16;

  public static final WebConfig DEFAULTS = new WebConfig("127.0.0.1", 8080, "", 8, 8189, List.of());

  public WebConfig {
    webrtcAddresses = List.copyOf(webrtcAddresses);
  }

  @Override
  public String toString() {
    return "WebConfig[bind="
        + bind
        + ", port="
        + port
        + ", token="
        + (token.isEmpty() ? "<none>" : "<redacted>")
        + ", maxViewers="
        + maxViewers
        + ", webrtcUdpPort="
        + webrtcUdpPort
        + ", webrtcAddresses="
        + webrtcAddresses
        + "]";
  }
}
