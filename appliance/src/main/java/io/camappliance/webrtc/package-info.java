/**
 * The WebRTC live view: WHEP sessions (draft-ietf-wish-whep) that pass the camera's H.264 through
 * to browsers over ICE-lite, DTLS-SRTP and RTP on one UDP port.
 *
 * <ul>
 *   <li>{@link io.camappliance.webrtc.WhepSessions}: offer, patch, delete; the fan-out from the
 *       camera to every viewer; statistics.
 *   <li>{@link io.camappliance.webrtc.WhepSettings}, {@link io.camappliance.webrtc.WhepStats},
 *       {@link io.camappliance.webrtc.WhepSessionAnswer}, {@link
 *       io.camappliance.webrtc.WhepRefusal}: its settings, counters, results and refusals, which
 *       the composition root maps to the HTTP routes.
 * </ul>
 *
 * Per viewer: a bounded queue that skips to the next IDR when the viewer falls behind, a sender
 * thread that owns the packetizer, SRTP context and retransmission history, and a DTLS thread.
 */
package io.camappliance.webrtc;
