package io.camappliance.sdp;

import java.util.List;

/**
 * What the camera puts in every WHEP answer: the stream it sends and its ICE-lite and DTLS
 * identity.
 *
 * @param stream profile, constraint flags and level of our SPS
 * @param iceUfrag our ICE username fragment (4..256 ice-chars, RFC 8839 §5.4)
 * @param icePwd our ICE password (22..256 ice-chars)
 * @param fingerprint the fingerprint of our DTLS certificate
 * @param candidates our host candidates
 * @param sessionId the o= session id (non-negative)
 * @param sessionVersion the o= session version (non-negative)
 * @param ssrc the SSRC of our video RTP stream (0..2^32-1)
 * @param cname the RTCP CNAME (RFC 7022), no spaces
 * @param streamId the msid stream id (RFC 8830), e.g. {@code camera}
 * @param trackId the msid track id, e.g. {@code video}
 */
public record AnswerParameters(
    ProfileLevelId stream,
    String iceUfrag,
    String icePwd,
    Fingerprint fingerprint,
    List<Candidate> candidates,
    long sessionId,
    long sessionVersion,
    long ssrc,
    String cname,
    String streamId,
    String trackId) {

  public AnswerParameters {
    if (iceUfrag.length() < 4 || iceUfrag.length() > 256 || !SdpLines.isIceChars(iceUfrag)) {
      throw new IllegalArgumentException("ICE ufrag must be 4..256 characters of A-Z a-z 0-9 + /");
    }
    if (icePwd.length() < 22 || icePwd.length() > 256 || !SdpLines.isIceChars(icePwd)) {
      throw new IllegalArgumentException(
          "ICE password must be 22..256 characters of A-Z a-z 0-9 + /");
    }
    if (sessionId < 0 || sessionVersion < 0) {
      throw new IllegalArgumentException(
          "session id " + sessionId + " and version " + sessionVersion + " must be non-negative");
    }
    if (ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("SSRC " + ssrc + " is not 0..2^32-1");
    }
    for (String token : List.of(cname, streamId, trackId)) {
      if (!SdpLines.isToken(token)) {
        throw new IllegalArgumentException("'" + token + "' must be a non-empty token (no spaces)");
      }
    }
    candidates = List.copyOf(candidates);
  }
}
