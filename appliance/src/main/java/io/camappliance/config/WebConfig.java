package io.camappliance.config;

import java.nio.file.Path;
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
 * @param certificateDir where the DTLS certificate and key are kept, so the fingerprint stays the
 *     same across restarts (default {@code /var/lib/camera-appliance/webrtc})
 */
public record WebConfig(
    String bind,
    int port,
    String token,
    int maxViewers,
    int webrtcUdpPort,
    List<String> webrtcAddresses,
    Path certificateDir) {

  /** The shortest token accepted when the server is reachable from the network. */
  public static final int MIN_TOKEN_LENGTH = 16;

  public static final Path DEFAULT_CERTIFICATE_DIR = Path.of("/var/lib/camera-appliance/webrtc");

  public static final WebConfig DEFAULTS = new WebConfig("127.0.0.1", 8080, "", 8, 8189, List.of());

  public WebConfig {
    webrtcAddresses = List.copyOf(webrtcAddresses);
  }

  /** With the default certificate directory. */
  public WebConfig(
      String bind,
      int port,
      String token,
      int maxViewers,
      int webrtcUdpPort,
      List<String> webrtcAddresses) {
    this(bind, port, token, maxViewers, webrtcUdpPort, webrtcAddresses, DEFAULT_CERTIFICATE_DIR);
  }

  /** The same settings with the DTLS certificate kept in {@code dir}. */
  public WebConfig withCertificateDir(Path dir) {
    return new WebConfig(bind, port, token, maxViewers, webrtcUdpPort, webrtcAddresses, dir);
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
        + ", certificateDir="
        + certificateDir
        + "]";
  }
}
