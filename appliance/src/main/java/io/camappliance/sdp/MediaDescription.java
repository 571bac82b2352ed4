package io.camappliance.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One media section of a session description (RFC 8866 §5.14): the {@code m=} line and the lines
 * under it.
 *
 * <pre>
 * m=&lt;kind&gt; &lt;port&gt;[/&lt;count&gt;] &lt;protocol&gt; &lt;format&gt; ...
 * m=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103
 * </pre>
 *
 * The ICE, DTLS and direction accessors give the value of this section, or the session-level one
 * when the section has none (RFC 8839 §5.4, RFC 8122 §5, RFC 8866 §6.7). {@link #attributes()}
 * holds every {@code a=} line of the section as written, known or not.
 */
public final class MediaDescription {
  final String kind;
  final int port;
  final String protocol;
  final List<String> formats;
  final List<Attribute> attributes;
  final String mid;
  final Direction direction;
  final Map<Integer, RtpMap> rtpMaps;
  final Map<Integer, String> fmtps;
  final List<RtcpFeedback> rtcpFeedback;
  final String iceUfrag;
  final String icePwd;
  final List<String> iceOptions;
  final List<Fingerprint> fingerprints;
  final Setup setup;
  final List<Extmap> extmaps;
  final List<Candidate> candidates;
  final boolean endOfCandidates;
  final boolean rtcpMux;
  final boolean bundleOnly;

  /**
   * One {@code a=rtcp-fb:<pt> <value>} line; {@code payloadType} is -1 for the wildcard {@code *}.
   */
  record RtcpFeedback(int payloadType, String value) {}

  MediaDescription(
      String kind,
      int port,
      String protocol,
      List<String> formats,
      List<Attribute> attributes,
      String mid,
      Direction direction,
      Map<Integer, RtpMap> rtpMaps,
      Map<Integer, String> fmtps,
      List<RtcpFeedback> rtcpFeedback,
      String iceUfrag,
      String icePwd,
      List<String> iceOptions,
      List<Fingerprint> fingerprints,
      Setup setup,
      List<Extmap> extmaps,
      List<Candidate> candidates,
      boolean endOfCandidates,
      boolean rtcpMux,
      boolean bundleOnly) {
    this.kind = kind;
    this.port = port;
    this.protocol = protocol;
    this.formats = List.copyOf(formats);
    this.attributes = List.copyOf(attributes);
    this.mid = mid;
    this.direction = direction;
    this.rtpMaps = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rtpMaps));
    this.fmtps = Map.copyOf(fmtps);
    this.rtcpFeedback = List.copyOf(rtcpFeedback);
    this.iceUfrag = iceUfrag;
    this.icePwd = icePwd;
    this.iceOptions = List.copyOf(iceOptions);
    this.fingerprints = List.copyOf(fingerprints);
    this.setup = setup;
    this.extmaps = List.copyOf(extmaps);
    this.candidates = List.copyOf(candidates);
    this.endOfCandidates = endOfCandidates;
    this.rtcpMux = rtcpMux;
    this.bundleOnly = bundleOnly;
  }

  /** {@code audio}, {@code video}, {@code application}, ... as written. */
  public String kind() {
    return kind;
  }

  /** The port of the m= line; 0 marks a rejected (or bundle-only) section. */
  public int port() {
    return port;
  }

  /** The transport protocol, e.g. {@code UDP/TLS/RTP/SAVPF} or {@code UDP/DTLS/SCTP}. */
  public String protocol() {
    return protocol;
  }

  /** Whether the protocol carries RTP, so that the formats are payload type numbers. */
  public boolean isRtp() {
    return isRtp(protocol);
  }

  static boolean isRtp(String protocol) {
    return protocol.contains("RTP/");
  }

  /** The format list of the m= line as written (payload types for RTP). */
  public List<String> formats() {
    return formats;
  }

  /** The {@code a=mid} identification tag (RFC 8843 §6.1), if any. */
  public Optional<String> mid() {
    return Optional.ofNullable(mid);
  }

  public Direction direction() {
    return direction;
  }

  /** {@code a=rtpmap} lines by payload type, in the order written. */
  public Map<Integer, RtpMap> rtpMaps() {
    return rtpMaps;
  }

  /** The codec name of a payload type from its rtpmap, e.g. {@code H264}, if mapped. */
  public Optional<String> encodingName(int payloadType) {
    RtpMap map = rtpMaps.get(payloadType);
    return map == null ? Optional.empty() : Optional.of(map.encodingName());
  }

  /** The {@code a=fmtp} parameters of a payload type as written, if any. */
  public Optional<String> fmtp(int payloadType) {
    return Optional.ofNullable(fmtps.get(payloadType));
  }

  /**
   * The {@code a=rtcp-fb} values for a payload type, including wildcard ({@code *}) ones, in the
   * order written: e.g. {@code nack}, {@code nack pli}, {@code ccm fir}, {@code transport-cc}.
   */
  public List<String> rtcpFeedback(int payloadType) {
    List<String> out = new ArrayList<>();
    for (RtcpFeedback fb : rtcpFeedback) {
      if ((fb.payloadType() == payloadType || fb.payloadType() == -1)
          && !out.contains(fb.value())) {
        out.add(fb.value());
      }
    }
    return out;
  }

  public Optional<String> iceUfrag() {
    return Optional.ofNullable(iceUfrag);
  }

  public Optional<String> icePwd() {
    return Optional.ofNullable(icePwd);
  }

  /** {@code a=ice-options} tokens, e.g. {@code trickle}. */
  public List<String> iceOptions() {
    return iceOptions;
  }

  /** {@code a=fingerprint} values; a peer may list several hash functions. */
  public List<Fingerprint> fingerprints() {
    return fingerprints;
  }

  public Optional<Setup> setup() {
    return Optional.ofNullable(setup);
  }

  public List<Extmap> extmaps() {
    return extmaps;
  }

  /** {@code a=candidate} lines of this section. */
  public List<Candidate> candidates() {
    return candidates;
  }

  public boolean endOfCandidates() {
    return endOfCandidates;
  }

  /** Whether RTP and RTCP share the port ({@code a=rtcp-mux}, RFC 5761 §5.1.1). */
  public boolean rtcpMux() {
    return rtcpMux;
  }

  /** {@code a=bundle-only} (RFC 8843 §6): port 0 yet part of the bundle. */
  public boolean bundleOnly() {
    return bundleOnly;
  }

  /** Every {@code a=} line of the section as written. */
  public List<Attribute> attributes() {
    return attributes;
  }
}
