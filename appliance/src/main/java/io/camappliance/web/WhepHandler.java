package io.camappliance.web;

/**
 * What the WHEP routes of {@link WebServer} call: the WebRTC side, seen through the three
 * operations of a WHEP session resource (draft-ietf-wish-whep, which takes its HTTP mechanics from
 * WHIP, RFC 9725). Implementations are called on HTTP worker threads, concurrently, and should
 * return promptly: the answer is sent once the handler returns.
 *
 * <p>Each method reports a refusal as {@link WhepException}, whose status and reason reach the
 * client unchanged (400 for an offer the server cannot answer, 404 for an unknown session, 503 with
 * {@code Retry-After} when the viewer limit is reached).
 */
public interface WhepHandler {
  /**
   * Answers a viewer's SDP offer and creates its session.
   *
   * @param sdpOffer the request body, an {@code application/sdp} offer
   * @param remoteAddress the peer's IP address as the server saw it (no proxy headers trusted)
   */
  WhepAnswer offer(String sdpOffer, String remoteAddress) throws WhepException;

  /**
   * Applies a trickle-ICE or ICE-restart fragment ({@code application/trickle-ice-sdpfrag}, RFC
   * 8840) to a session.
   */
  void patch(String sessionId, String sdpFragment) throws WhepException;

  /** Ends a session (the viewer left). */
  void delete(String sessionId) throws WhepException;
}
