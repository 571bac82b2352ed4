package io.camappliance.sdp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The answer to a WHEP offer (RFC 9725 §4.2, JSEP RFC 8829 §5.3): the first video section is
 * accepted as one sendonly H.264 payload type over ICE-lite, DTLS server role, rtcp-mux and BUNDLE;
 * every other section is rejected with port 0 (JSEP §5.3.1) and left out of the group.
 *
 * <pre>
 * v=0
 * o=- &lt;session id&gt; &lt;version&gt; IN IP4 127.0.0.1
 * s=-
 * t=0 0
 * a=group:BUNDLE 0                  only if the offer bundled; accepted mids only
 * a=ice-lite
 * m=video 9 UDP/TLS/RTP/SAVPF 106   the chosen payload type
 * c=IN IP4 0.0.0.0
 * a=mid:0  a=sendonly  a=rtcp-mux  a=ice-ufrag  a=ice-pwd  a=fingerprint  a=setup:passive
 * a=rtpmap  a=rtcp-fb (nack, nack pli, ccm fir as offered)  a=fmtp (echoed)  a=msid  a=ssrc cname
 * a=candidate ...  a=end-of-candidates
 * m=audio 0 UDP/TLS/RTP/SAVPF 111   rejected, formats mirrored
 * c=IN IP4 0.0.0.0
 * a=mid:1
 * </pre>
 *
 * Besides the text, it carries what the session needs from the negotiation: the payload type, the
 * feedback the browser will send, and the browser's ICE credentials and DTLS fingerprints.
 */
public final class WhepAnswer {
  /** The RTCP feedback we act on (RFC 4585 §4.2, RFC 5104 §7.1), in the order we write them. */
  private static final List<String> FEEDBACK = List.of("nack", "nack pli", "ccm fir");

  private static final String CRLF = "\r\n";

  private final String sdp;
  private final String mid;
  private final int payloadType;
  private final H264Parameters h264;
  private final List<String> rtcpFeedback;
  private final String remoteIceUfrag;
  private final String remoteIcePwd;
  private final List<Fingerprint> remoteFingerprints;
  private final List<Candidate> remoteCandidates;

  private WhepAnswer(
      String sdp,
      String mid,
      int payloadType,
      H264Parameters h264,
      List<String> rtcpFeedback,
      MediaDescription video) {
    this.sdp = sdp;
    this.mid = mid;
    this.payloadType = payloadType;
    this.h264 = h264;
    this.rtcpFeedback = List.copyOf(rtcpFeedback);
    this.remoteIceUfrag = video.iceUfrag;
    this.remoteIcePwd = video.icePwd;
    this.remoteFingerprints = video.fingerprints;
    this.remoteCandidates = video.candidates;
  }

  /**
   * Answers {@code offer} for the stream and identity in {@code local}.
   *
   * @throws SdpException with the reason the offer cannot be answered: no video section, video the
   *     browser would not receive, no H.264, no H.264 payload type that can carry the stream, a
   *     missing ice-ufrag, ice-pwd, fingerprint or rtcp-mux, or a transport the camera lacks
   */
  public static WhepAnswer create(SessionDescription offer, AnswerParameters local)
      throws SdpException {
    MediaDescription video = null;
    for (MediaDescription m : offer.media()) {
      if (m.kind().equals("video") && (m.port() != 0 || m.bundleOnly())) {
        video = m;
        break;
      }
    }
    if (video == null) {
      List<String> kinds = new ArrayList<>();
      offer.media().forEach(m -> kinds.add(m.kind() + (m.port() == 0 ? " (port 0)" : "")));
      throw new SdpException(
          SdpException.Reason.NO_VIDEO,
          "the offer has no video m-line the camera can answer (m-lines: "
              + (kinds.isEmpty() ? "none" : String.join(", ", kinds))
              + "); add a recvonly video transceiver");
    }
    if (!video.direction().receives()) {
      throw new SdpException(
          SdpException.Reason.VIDEO_NOT_RECEIVABLE,
          "the offer's video m-line is "
              + video.direction().attribute()
              + "; the camera only sends, so it must be recvonly or sendrecv");
    }
    checkTransport(video);
    int pt = choosePayloadType(video, local.stream());
    H264Parameters h264 = H264Parameters.parse(video.fmtp(pt).orElse(null));
    List<String> feedback = new ArrayList<>();
    List<String> offered = video.rtcpFeedback(pt);
    for (String fb : FEEDBACK) {
      if (offered.contains(fb)) {
        feedback.add(fb);
      }
    }

    Set<String> accepted = new LinkedHashSet<>();
    video.mid().ifPresent(accepted::add);
    StringBuilder out = new StringBuilder(2048);
    line(out, "v=0");
    line(out, "o=- " + local.sessionId() + " " + local.sessionVersion() + " IN IP4 127.0.0.1");
    line(out, "s=-");
    line(out, "t=0 0");
    Optional<List<String>> bundle = offer.bundle();
    if (bundle.isPresent() && video.mid().isPresent() && bundle.get().contains(video.mid().get())) {
      line(out, "a=group:BUNDLE " + String.join(" ", accepted));
    }
    line(out, "a=ice-lite");
    for (MediaDescription m : offer.media()) {
      if (m == video) {
        acceptedSection(out, m, pt, h264, feedback, local);
      } else {
        rejectedSection(out, m);
      }
    }
    return new WhepAnswer(out.toString(), video.mid, pt, h264, feedback, video);
  }

  private static void checkTransport(MediaDescription video) throws SdpException {
    if (!video.protocol().equals("UDP/TLS/RTP/SAVPF")
        && !video.protocol().equals("UDP/TLS/RTP/SAVP")) {
      throw new SdpException(
          SdpException.Reason.UNSUPPORTED_TRANSPORT,
          "the video m-line uses " + video.protocol() + "; the camera speaks UDP/TLS/RTP/SAVPF");
    }
    if (video.iceUfrag().isEmpty()) {
      throw missing("a=ice-ufrag");
    }
    if (video.icePwd().isEmpty()) {
      throw missing("a=ice-pwd");
    }
    if (video.fingerprints().isEmpty()) {
      throw missing("a=fingerprint");
    }
    if (!video.rtcpMux()) {
      throw missing("a=rtcp-mux");
    }
    Setup setup = video.setup().orElse(Setup.ACTPASS);
    if (setup != Setup.ACTPASS && setup != Setup.ACTIVE) {
      throw new SdpException(
          SdpException.Reason.UNSUPPORTED_TRANSPORT,
          "the offer has a=setup:"
              + setup.value()
              + "; the camera is always the DTLS server, so offer actpass or active");
    }
  }

  private static SdpException missing(String attribute) {
    return new SdpException(
        SdpException.Reason.MISSING_ATTRIBUTE,
        "the offer's video m-line has no " + attribute + " (WebRTC requires it)");
  }

  /**
   * The best H.264 payload type by {@link H264Parameters#score}; ties go to the offerer's order.
   */
  private static int choosePayloadType(MediaDescription video, ProfileLevelId stream)
      throws SdpException {
    int best = -1;
    int bestScore = -1;
    List<String> problems = new ArrayList<>();
    Set<String> codecs = new LinkedHashSet<>();
    boolean anyH264 = false;
    for (String format : video.formats()) {
      int pt = Integer.parseInt(format);
      String name = video.encodingName(pt).orElse("payload type " + pt);
      if (!name.equalsIgnoreCase("H264")) {
        if (!isRepair(name)) {
          codecs.add(name);
        }
        continue;
      }
      anyH264 = true;
      H264Parameters params;
      try {
        params = H264Parameters.parse(video.fmtp(pt).orElse(null));
      } catch (SdpException e) {
        problems.add(pt + " " + e.getMessage());
        continue;
      }
      int score = params.score(stream);
      if (score < 0) {
        problems.add(pt + " " + params.incompatibility(stream).orElseThrow());
      } else if (score > bestScore) {
        best = pt;
        bestScore = score;
      }
    }
    String ours =
        "the camera streams H.264 (profile-level-id " + stream.format() + ", packetization-mode=1)";
    if (!anyH264) {
      throw new SdpException(
          SdpException.Reason.NO_H264,
          ours
              + "; the offer had: "
              + (codecs.isEmpty() ? "no codecs" : String.join(", ", codecs)));
    }
    if (best < 0) {
      throw new SdpException(
          SdpException.Reason.H264_INCOMPATIBLE,
          ours
              + "; no offered H.264 payload type can carry "
              + stream
              + ": "
              + String.join("; ", problems));
    }
    return best;
  }

  private static boolean isRepair(String name) {
    return name.equalsIgnoreCase("rtx")
        || name.equalsIgnoreCase("red")
        || name.equalsIgnoreCase("ulpfec")
        || name.toLowerCase(java.util.Locale.ROOT).startsWith("flexfec");
  }

  private static void acceptedSection(
      StringBuilder out,
      MediaDescription m,
      int pt,
      H264Parameters h264,
      List<String> feedback,
      AnswerParameters local) {
    line(out, "m=video 9 " + m.protocol() + " " + pt);
    line(out, "c=IN IP4 0.0.0.0");
    m.mid().ifPresent(mid -> line(out, "a=mid:" + mid));
    line(out, "a=" + Direction.SENDONLY.attribute());
    line(out, "a=rtcp-mux");
    line(out, "a=ice-ufrag:" + local.iceUfrag());
    line(out, "a=ice-pwd:" + local.icePwd());
    line(out, "a=fingerprint:" + local.fingerprint().format());
    line(out, "a=setup:" + Setup.PASSIVE.value());
    line(out, "a=rtpmap:" + m.rtpMaps().get(pt).format());
    for (String fb : feedback) {
      line(out, "a=rtcp-fb:" + pt + " " + fb);
    }
    line(out, "a=fmtp:" + pt + " " + m.fmtp(pt).orElse(h264.format()));
    line(out, "a=msid:" + local.streamId() + " " + local.trackId());
    line(out, "a=ssrc:" + local.ssrc() + " cname:" + local.cname());
    for (Candidate c : local.candidates()) {
      line(out, "a=" + c.format());
    }
    line(out, "a=end-of-candidates");
  }

  private static void rejectedSection(StringBuilder out, MediaDescription m) {
    line(out, "m=" + m.kind() + " 0 " + m.protocol() + " " + String.join(" ", m.formats()));
    line(out, "c=IN IP4 0.0.0.0");
    m.mid().ifPresent(mid -> line(out, "a=mid:" + mid));
  }

  private static void line(StringBuilder out, String line) {
    out.append(line).append(CRLF);
  }

  /** The answer, CRLF line endings, for the {@code application/sdp} response body. */
  public String sdp() {
    return sdp;
  }

  /** The mid of the accepted video section, if the offer named one. */
  public Optional<String> mid() {
    return Optional.ofNullable(mid);
  }

  /** The RTP payload type to send H.264 with. */
  public int payloadType() {
    return payloadType;
  }

  /** The offered parameters of the chosen payload type. */
  public H264Parameters h264() {
    return h264;
  }

  /**
   * The feedback both sides agreed on: a subset of {@code nack}, {@code nack pli}, {@code ccm fir}.
   */
  public List<String> rtcpFeedback() {
    return rtcpFeedback;
  }

  /** The browser's ICE username fragment; STUN checks arrive as {@code <ours>:<theirs>}. */
  public String remoteIceUfrag() {
    return remoteIceUfrag;
  }

  public String remoteIcePwd() {
    return remoteIcePwd;
  }

  /** The fingerprints the browser's DTLS certificate must match (one of them). */
  public List<Fingerprint> remoteFingerprints() {
    return remoteFingerprints;
  }

  /** Candidates the offer already carried (an ICE-lite agent only needs them for logging). */
  public List<Candidate> remoteCandidates() {
    return remoteCandidates;
  }
}
