package io.camappliance.core;

import io.camappliance.config.WebConfig;
import io.camappliance.dtls.DtlsCertificate;
import io.camappliance.media.StreamHeader;
import io.camappliance.mkv.FragmenterStats;
import io.camappliance.recording.RecordingStatus;
import io.camappliance.web.WebServer;
import io.camappliance.web.WhepAnswer;
import io.camappliance.web.WhepException;
import io.camappliance.web.WhepHandler;
import io.camappliance.webrtc.WhepRefusal;
import io.camappliance.webrtc.WhepSessionAnswer;
import io.camappliance.webrtc.WhepSessions;
import io.camappliance.webrtc.WhepSettings;
import io.camappliance.webrtc.WhepStats;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status page and WebRTC live view of a running pipeline: the web server of {@code [web]}, its
 * WHEP routes served by {@link WhepSessions} fed from the pipeline's hub, and the status it shows.
 */
final class LiveView implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LiveView.class);

  private final WhepSessions sessions;
  private final WebServer web;

  private LiveView(WhepSessions sessions, WebServer web) {
    this.sessions = sessions;
    this.web = web;
  }

  /**
   * Starts WHEP on {@code [web].webrtc_udp_port} and the web server on {@code [web].bind:port}.
   *
   * @throws IOException when the UDP port cannot be bound
   * @throws IllegalStateException when the web server cannot start (the message names the port)
   */
  static LiveView start(WebConfig config, Pipeline pipeline, Uplink uplink) throws IOException {
    List<InetAddress> addresses = new ArrayList<>();
    for (String a : config.webrtcAddresses()) {
      addresses.add(InetAddress.getByName(a)); // IP literals, checked when the config was loaded
    }
    WhepSettings settings =
        WhepSettings.defaults(
            config.maxViewers(),
            new InetSocketAddress(InetAddress.getByName(config.bind()), config.webrtcUdpPort()),
            addresses);
    WhepSessions sessions =
        WhepSessions.start(
            settings, certificate(config), pipeline.hub(), pipeline.source()::requestKeyframe);
    RateMeter rate = new RateMeter();
    try {
      WebServer web =
          WebServer.start(
              config.bind(),
              config.port(),
              config.token().isEmpty() ? Optional.empty() : Optional.of(config.token()),
              () -> status(pipeline, uplink, sessions, rate),
              handler(sessions));
      return new LiveView(sessions, web);
    } catch (RuntimeException e) {
      sessions.close();
      throw e;
    }
  }

  /**
   * The DTLS certificate kept in {@code [web] certificate_dir}, so browsers see the same
   * fingerprint after a restart; a certificate in memory when the directory cannot be used.
   */
  private static DtlsCertificate certificate(WebConfig config) {
    try {
      return DtlsCertificate.loadOrCreate(config.certificateDir(), Clock.systemUTC());
    } catch (IOException | RuntimeException e) {
      log.warn(
          "cannot keep the DTLS certificate in {} ({}); using one that lasts until the next"
              + " start",
          config.certificateDir(),
          e.getMessage());
      return DtlsCertificate.generate(Clock.systemUTC());
    }
  }

  /** Starts the live view, or logs why it cannot and returns null: the camera records anyway. */
  static LiveView startOrWarn(
      WebConfig config, Pipeline pipeline, Uplink uplink, java.io.PrintStream out) {
    try {
      LiveView view = start(config, pipeline, uplink);
      out.println(
          "live view: http://"
              + config.bind()
              + ":"
              + view.web.port()
              + "/live (WebRTC on UDP "
              + view.sessions.udpPort()
              + ")");
      return view;
    } catch (IOException | RuntimeException e) {
      log.warn("live view disabled: {}", e.getMessage());
      out.println("live view disabled: " + e.getMessage());
      return null;
    }
  }

  int webPort() {
    return web.port();
  }

  WhepSessions sessions() {
    return sessions;
  }

  static WhepHandler handler(WhepSessions sessions) {
    return new WhepHandler() {
      @Override
      public WhepAnswer offer(String sdpOffer, String remoteAddress) throws WhepException {
        try {
          WhepSessionAnswer a = sessions.offer(sdpOffer, remoteAddress);
          return new WhepAnswer(a.sessionId(), a.sdp());
        } catch (WhepRefusal r) {
          throw toException(r);
        }
      }

      @Override
      public void patch(String sessionId, String sdpFragment) throws WhepException {
        try {
          sessions.patch(sessionId, sdpFragment);
        } catch (WhepRefusal r) {
          throw toException(r);
        }
      }

      @Override
      public void delete(String sessionId) throws WhepException {
        try {
          sessions.delete(sessionId);
        } catch (WhepRefusal r) {
          throw toException(r);
        }
      }
    };
  }

  private static WhepException toException(WhepRefusal r) {
    return new WhepException(r.httpStatus(), r.reason(), r.retryAfter());
  }

  private static Map<String, Object> status(
      Pipeline pipeline, Uplink uplink, WhepSessions sessions, RateMeter rate) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("source", pipeline.source().describe());
    FragmenterStats f = pipeline.fragmenter().stats();
    StreamHeader header = pipeline.fragmenter().header();
    if (header != null) {
      s.put("resolution", header.format().width() + "x" + header.format().height());
    }
    double[] r = rate.sample(System.nanoTime(), f.frames(), f.bytes());
    s.put("fps", Math.round(r[0] * 10) / 10.0);
    s.put("bitrateKbps", Math.round(r[1] / 1000));
    s.put("frames", f.frames());
    WhepStats w = sessions.stats();
    s.put("viewers", w.viewers());
    s.put("uploader", uplink == null ? Map.of("state", "DISABLED") : uplink.status());
    if (pipeline.recording() != null) {
      RecordingStatus rec = pipeline.recording().status();
      Map<String, Object> rm = new LinkedHashMap<>();
      rm.put("state", rec.state().name());
      rm.put("message", rec.message());
      rm.put("segments", rec.segments());
      rm.put("megabytes", Math.round(rec.bytes() / 1e5) / 10.0);
      rm.put("framesWritten", rec.framesWritten());
      rm.put("framesDropped", rec.framesDropped());
      s.put("recording", rm);
    } else {
      s.put("recording", Map.of("state", "DISABLED"));
    }
    Map<String, Object> webrtc = new LinkedHashMap<>();
    webrtc.put("sending", w.sending());
    webrtc.put("maxViewers", w.maxViewers());
    webrtc.put("sessionsCreated", w.created());
    webrtc.put("framesSent", w.framesSent());
    webrtc.put("framesSkipped", w.framesSkipped());
    webrtc.put("packetsResent", w.packetsResent());
    webrtc.put("keyframeRequests", w.keyframeRequests());
    s.put("webrtc", webrtc);
    return s;
  }

  /** Stops the web server, then ends every viewer session and closes the UDP port. Idempotent. */
  @Override
  public void close() {
    web.close();
    sessions.close();
  }
}
