package io.camappliance.webrtc;

/**
 * A created session: its id ({@code [A-Za-z0-9_-]}, the last segment of the session URL) and the
 * SDP answer.
 */
public record WhepSessionAnswer(String sessionId, String sdp) {}
