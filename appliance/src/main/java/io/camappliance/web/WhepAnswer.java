package io.camappliance.web;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A created WHEP session: its id, which becomes the session URL {@code /whep/{sessionId}} in the
 * {@code Location} header, and the SDP answer sent as the {@code 201 Created} body.
 *
 * @param sessionId 1 to 128 characters from {@code [A-Za-z0-9_-]}, so that it is a path segment as
 *     it stands
 * @param sdp the SDP answer
 */
public record WhepAnswer(String sessionId, String sdp) {
  static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  public WhepAnswer {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(sdp, "sdp");
    if (!SESSION_ID.matcher(sessionId).matches()) {
      throw new IllegalArgumentException(
          "WHEP session id '" + sessionId + "' is not 1 to 128 characters of [A-Za-z0-9_-]");
    }
  }
}
