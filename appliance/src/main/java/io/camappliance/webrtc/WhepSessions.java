package io.camappliance.webrtc;

import io.camappliance.dtls.CertificateFingerprint;
import io.camappliance.dtls.DtlsCertificate;
import io.camappliance.dtls.DtlsServer;
import io.camappliance.dtls.DtlsSrtpKeys;
import io.camappliance.h264.H264Exception;
import io.camappliance.h264.Sps;
import io.camappliance.ice.HostCandidate;
import io.camappliance.ice.IceCredentials;
import io.camappliance.ice.IceLiteAgent;
import io.camappliance.ice.IceSession;
import io.camappliance.media.EncodedFrame;
import io.camappliance.media.FrameSink;
import io.camappliance.media.MediaHub;
import io.camappliance.media.VideoFormat;
import io.camappliance.rtp.H264Packetizer;
import io.camappliance.sdp.AnswerParameters;
import io.camappliance.sdp.Candidate;
import io.camappliance.sdp.Fingerprint;
import io.camappliance.sdp.ProfileLevelId;
import io.camappliance.sdp.SdpException;
import io.camappliance.sdp.SdpFragment;
import io.camappliance.sdp.SessionDescription;
import io.camappliance.sdp.WhepAnswer;
import io.camappliance.srtp.SrtpKeyingMaterial;
import io.camappliance.srtp.SrtpProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WHEP sessions of the live view (draft-ietf-wish-whep over RFC 9725's HTTP mechanics): each
 * offer becomes one viewer with its own ICE credentials on the shared ICE-lite port, its own DTLS
 * server, SRTP keys and sender thread, and the camera's H.264 passed through unchanged.
 *
 * <pre>
 * camera ─► MediaHub ─► "webrtc" subscription (fan-out thread)
 *                            ├─► ViewerQueue ─► sender thread ─► RTP ─► SRTP ─┐
 *                            └─► ViewerQueue ─► sender thread ─► ...          ├─► one UDP port
 * browser ─► ICE-lite agent (receive thread) ─┬─► STUN answered               │
 *                                             ├─► DTLS server (thread) ───────┘
 *                                             └─► SRTCP: NACK, PLI, FIR
 * </pre>
 *
 * <p>The answer offers the profile and level of the camera's current SPS; an offer with no H.264
 * payload type able to carry it is refused with 400 naming what was offered. A viewer beyond the
 * limit gets 503 with {@code Retry-After}. PATCH accepts trickled candidates after checking them
 * and otherwise ignores them: an ICE-lite agent learns the browser's address from its checks. Every
 * end of a session (DELETE, ICE timeout, DTLS failure, the viewer's close_notify) releases its
 * slot, threads and buffers.
 *
 * <p>Methods may be called from any thread; {@link #offer}, {@link #patch} and {@link #delete}
 * return promptly (delete waits for the session's threads, a few milliseconds).
 */
public final class WhepSessions implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WhepSessions.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * How often a viewer waiting for its first IDR asks again; {@link KeyframeRequests} merges the
   * repeats, so this only decides how soon after the rate limit opens the viewer's own IDR is made.
   */
  private static final long KEYFRAME_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** Frames the fan-out may lag the camera: it only copies references, so this is slack. */
  private static final int FAN_OUT_QUEUE = 8;

  private final WhepSettings settings;
  private final DtlsCertificate certificate;
  private final Fingerprint localFingerprint;
  private final IceLiteAgent agent;
  private final List<Candidate> candidates;
  private final KeyframeRequests keyframes;
  private final Map<String, ViewerSession> sessions = new ConcurrentHashMap<>();
  private final AtomicInteger slots = new AtomicInteger();
  private final ExecutorService cleanup;
  private final Parent parent = new Parent();
  private MediaHub.Subscription subscription;
  private volatile boolean closed;

  private volatile VideoFormat format;
  private volatile ProfileLevelId stream;

  private final LongAdder created = new LongAdder();
  private final LongAdder ended = new LongAdder();
  private final LongAdder refusedAtLimit = new LongAdder();
  private final LongAdder endedFramesSent = new LongAdder();
  private final LongAdder endedFramesSkipped = new LongAdder();
  private final LongAdder endedSkips = new LongAdder();
  private final LongAdder endedResent = new LongAdder();

  private WhepSessions(
      WhepSettings settings,
      DtlsCertificate certificate,
      IceLiteAgent agent,
      KeyframeRequests keyframes) {
    this.settings = settings;
    this.certificate = certificate;
    this.agent = agent;
    this.keyframes = keyframes;
    try {
      this.localFingerprint = Fingerprint.parse(certificate.fingerprint());
      List<Candidate> list = new ArrayList<>();
      for (HostCandidate c : agent.hostCandidates()) {
        list.add(Candidate.parse(c.toSdpAttribute()));
      }
      this.candidates = List.copyOf(list);
    } catch (SdpException e) {
      throw new IllegalStateException("our own fingerprint or candidate does not parse", e);
    }
    this.cleanup =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "webrtc-cleanup");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Binds the UDP port, subscribes to the camera's frames and starts taking offers.
   *
   * @param hub the camera's frames
   * @param requestKeyframe asks the encoder for an IDR (e.g. {@code source::requestKeyframe})
   * @throws IOException when the UDP port cannot be bound
   */
  public static WhepSessions start(
      WhepSettings settings,
      DtlsCertificate certificate,
      MediaHub hub,
      BooleanSupplier requestKeyframe)
      throws IOException {
    IceLiteAgent agent;
    try {
      agent = IceLiteAgent.start(settings.udpBind(), settings.ice());
    } catch (IOException e) {
      throw new IOException(
          "cannot bind the WebRTC UDP port " + settings.udpBind() + ": " + e.getMessage(), e);
    }
    KeyframeRequests keyframes =
        new KeyframeRequests(
            requestKeyframe, settings.keyframeInterval().toNanos(), System::nanoTime);
    WhepSessions s = new WhepSessions(settings, certificate, agent, keyframes);
    if (hub != null) {
      s.subscription = hub.subscribe("webrtc", FAN_OUT_QUEUE, s.fanOut());
    }
    log.info(
        "WebRTC on UDP {} (candidates {}), up to {} viewers",
        agent.localAddress().getPort(),
        agent.hostAddresses(),
        settings.maxViewers());
    return s;
  }

  /** The frame sink of the fan-out: what a {@link MediaHub} subscription calls per frame. */
  FrameSink fanOut() {
    return this::onFrame;
  }

  private void onFrame(EncodedFrame frame) {
    VideoFormat f = frame.format();
    if (f != null && f != format) {
      stream = profileOf(f);
      format = f;
    }
    for (ViewerSession s : sessions.values()) {
      s.offer(frame);
    }
  }

  private static ProfileLevelId profileOf(VideoFormat f) {
    try {
      Sps sps = Sps.parse(f.sps());
      return new ProfileLevelId(sps.profileIdc(), sps.constraintFlags(), sps.levelIdc());
    } catch (H264Exception | RuntimeException e) {
      log.warn("cannot read the camera's SPS for the WebRTC answer: {}", e.getMessage());
      return null;
    }
  }

  /** Whether a frame has told the stream's profile and level, so that offers can be answered. */
  public boolean streamKnown() {
    return stream != null;
  }

  /** The UDP port every session uses. */
  public int udpPort() {
    return agent.localAddress().getPort();
  }

  /**
   * Answers a viewer's offer and creates its session.
   *
   * @param remoteAddress the HTTP peer, for logs
   * @throws WhepRefusal 400 for an offer that is malformed or cannot be answered (the reason names
   *     the line, or what was offered and what the camera sends), 413 for an oversized one, 503
   *     with Retry-After at the viewer limit or before the camera's first frame
   */
  public WhepSessionAnswer offer(String sdpOffer, String remoteAddress) throws WhepRefusal {
    if (closed) {
      throw new WhepRefusal(503, "The camera is shutting down", Optional.of(settings.retryAfter()));
    }
    SessionDescription offer;
    try {
      offer = SessionDescription.parse(sdpOffer);
    } catch (SdpException e) {
      throw new WhepRefusal(e.httpStatus(), "Malformed SDP offer: " + e.getMessage());
    }
    ProfileLevelId current = stream;
    if (current == null) {
      throw new WhepRefusal(
          503,
          "The camera has not produced a picture yet; try again in a moment",
          Optional.of(Duration.ofSeconds(1)));
    }
    if (!reserveSlot()) {
      refusedAtLimit.increment();
      throw new WhepRefusal(
          503,
          "Viewer limit reached (" + settings.maxViewers() + " viewers); try again later",
          Optional.of(settings.retryAfter()));
    }
    boolean done = false;
    try {
      WhepSessionAnswer answer = createSession(offer, current, remoteAddress);
      done = true;
      return answer;
    } finally {
      if (!done) {
        slots.decrementAndGet();
      }
    }
  }

  private boolean reserveSlot() {
    while (true) {
      int n = slots.get();
      if (n >= settings.maxViewers()) {
        return false;
      }
      if (slots.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  private WhepSessionAnswer createSession(
      SessionDescription offer, ProfileLevelId current, String remoteAddress) throws WhepRefusal {
    IceCredentials credentials = IceCredentials.random();
    long ssrc = 1 + (RANDOM.nextInt() & 0xFFFF_FFFEL);
    String id = randomId(16);
    AnswerParameters local =
        new AnswerParameters(
            current,
            credentials.ufrag(),
            credentials.pwd(),
            localFingerprint,
            candidates,
            RANDOM.nextLong() & Long.MAX_VALUE,
            1,
            ssrc,
            randomId(12),
            "camera",
            "video");
    WhepAnswer answer;
    try {
      answer = WhepAnswer.create(offer, local);
    } catch (SdpException e) {
      throw new WhepRefusal(e.httpStatus(), e.getMessage());
    }
    CertificateFingerprint remoteFingerprint = remoteFingerprint(answer);
    ViewerSession session =
        new ViewerSession(
            id,
            parent,
            ssrc,
            answer.payloadType(),
            local.cname(),
            remoteFingerprint,
            settings.viewerQueueFrames());
    IceSession ice;
    try {
      ice =
          agent.register(credentials.ufrag(), credentials.pwd(), answer.remoteIceUfrag(), session);
    } catch (IllegalArgumentException e) {
      throw new WhepRefusal(400, "The offer's ICE credentials are unusable: " + e.getMessage());
    } catch (IllegalStateException e) {
      throw new WhepRefusal(503, "The camera is shutting down", Optional.of(settings.retryAfter()));
    }
    session.attach(ice);
    sessions.put(id, session);
    created.increment();
    if (closed) {
      session.end("the camera is shutting down");
    }
    log.info(
        "viewer {} from {}: session {}, H.264 payload type {}, {}",
        sessions.size(),
        remoteAddress,
        id,
        answer.payloadType(),
        current);
    return new WhepSessionAnswer(id, answer.sdp());
  }

  private static CertificateFingerprint remoteFingerprint(WhepAnswer answer) throws WhepRefusal {
    List<String> problems = new ArrayList<>();
    for (Fingerprint f : answer.remoteFingerprints()) {
      try {
        return CertificateFingerprint.parse(f.format());
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    throw new WhepRefusal(
        400, "No usable a=fingerprint in the offer: " + String.join("; ", problems));
  }

  private static String randomId(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /**
   * Checks a trickle-ICE fragment (RFC 8840) and ignores its candidates: an ICE-lite agent answers
   * the browser's checks and learns its addresses from them.
   *
   * @throws WhepRefusal 404 for an unknown session, 400 for a malformed fragment, 422 for an ICE
   *     restart (not supported: start a new session)
   */
  public void patch(String sessionId, String sdpFragment) throws WhepRefusal {
    ViewerSession s = sessions.get(sessionId);
    if (s == null) {
      throw unknown(sessionId);
    }
    SdpFragment fragment;
    try {
      fragment = SdpFragment.parse(sdpFragment);
    } catch (SdpException e) {
      throw new WhepRefusal(e.httpStatus(), "Malformed trickle ICE fragment: " + e.getMessage());
    }
    Optional<String> ufrag = fragment.iceUfrag();
    if (ufrag.isPresent() && !ufrag.get().equals(s.ice().remoteUfrag())) {
      throw new WhepRefusal(
          422, "ICE restart is not supported; delete this session and start a new one");
    }
    log.debug(
        "session {}: {} trickled candidates ignored (ICE-lite)",
        sessionId,
        fragment.candidates().size());
  }

  /**
   * Ends a session and waits for its threads.
   *
   * @throws WhepRefusal 404 when no session has this id
   */
  public void delete(String sessionId) throws WhepRefusal {
    ViewerSession s = sessions.get(sessionId);
    if (s == null) {
      throw unknown(sessionId);
    }
    s.end("deleted by the viewer");
  }

  private static WhepRefusal unknown(String sessionId) {
    return new WhepRefusal(404, "No WHEP session " + sessionId);
  }

  /** Sessions now. */
  public int sessionCount() {
    return sessions.size();
  }

  public WhepStats stats() {
    int sending = 0;
    long framesSent = endedFramesSent.sum();
    long framesSkipped = endedFramesSkipped.sum();
    long skips = endedSkips.sum();
    long resent = endedResent.sum();
    for (ViewerSession s : sessions.values()) {
      ViewerSender sender = s.sender();
      ViewerQueue q = s.queue();
      if (sender != null && q != null) {
        sending++;
        framesSent += sender.framesSent();
        resent += sender.packetsResent();
        framesSkipped += q.skippedFrames();
        skips += q.skips();
      }
    }
    return new WhepStats(
        sessions.size(),
        sending,
        settings.maxViewers(),
        created.sum(),
        ended.sum(),
        refusedAtLimit.sum(),
        framesSent,
        framesSkipped,
        skips,
        resent,
        keyframes.forwarded(),
        keyframes.suppressed());
  }

  /** Ends every session, stops the fan-out and closes the UDP port. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (subscription != null) {
      subscription.close();
    }
    for (ViewerSession s : sessions.values()) {
      s.end("the camera is shutting down");
    }
    agent.close();
    cleanup.shutdown();
    try {
      if (!cleanup.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("WebRTC session clean-up did not finish within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class Parent implements SessionParent {
    @Override
    public DtlsServer startDtls(
        ViewerSession session, DtlsServer.Sender sender, DtlsServer.Listener listener) {
      return DtlsServer.start(
          certificate, session.remoteFingerprint(), settings.dtls(), sender, listener);
    }

    @Override
    public ViewerSender newSender(ViewerSession session, ViewerQueue queue, DtlsSrtpKeys keys) {
      SrtpProfile profile =
          SrtpProfile.ofProtectionProfileId(keys.profile().id())
              .orElseThrow(() -> new IllegalStateException("DTLS negotiated " + keys.profile()));
      SrtpKeyingMaterial material = SrtpKeyingMaterial.split(profile, keys.keyingMaterial());
      session.receiving(material.receivingContext(false));
      H264Packetizer packetizer =
          H264Packetizer.withRandomStart(session.payloadType(), session.ssrc(), RANDOM);
      IceSession ice = session.ice();
      return new ViewerSender(
          "webrtc-" + session.id().substring(0, 6),
          queue,
          packetizer,
          material.sendingContext(false),
          settings.historyPackets(),
          ice::send,
          keyframes,
          session.cname().getBytes(StandardCharsets.US_ASCII),
          settings.senderReportInterval().toNanos(),
          KEYFRAME_RETRY_NANOS);
    }

    @Override
    public KeyframeRequests keyframes() {
      return keyframes;
    }

    @Override
    public void later(Runnable task) {
      try {
        cleanup.execute(task);
      } catch (RejectedExecutionException e) {
        task.run(); // closing: run it here
      }
    }

    @Override
    public void ended(ViewerSession session, String reason, ViewerSender s, ViewerQueue q) {
      if (sessions.remove(session.id(), session)) {
        slots.decrementAndGet();
        ended.increment();
        if (s != null) {
          endedFramesSent.add(s.framesSent());
          endedResent.add(s.packetsResent());
        }
        if (q != null) {
          endedFramesSkipped.add(q.skippedFrames());
          endedSkips.add(q.skips());
        }
        log.info("session {} ended: {}", session.id(), reason);
      }
    }
  }
}
