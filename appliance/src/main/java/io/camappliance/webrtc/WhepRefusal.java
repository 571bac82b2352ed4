package io.camappliance.webrtc;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A WHEP request {@link WhepSessions} refuses: the HTTP status (RFC 9725 §4), a reason meant for
 * the person at the viewer, and for 503 how long to wait ({@code Retry-After}).
 */
public final class WhepRefusal extends Exception {
  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final transient Optional<Duration> retryAfter;

  public WhepRefusal(int httpStatus, String reason, Optional<Duration> retryAfter) {
    super(Objects.requireNonNull(reason, "reason"));
    if (httpStatus < 400 || httpStatus > 599) {
      throw new IllegalArgumentException("status " + httpStatus + " is not 4xx or 5xx");
    }
    this.httpStatus = httpStatus;
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  public WhepRefusal(int httpStatus, String reason) {
    this(httpStatus, reason, Optional.empty());
  }

  public int httpStatus() {
    return httpStatus;
  }

  public String reason() {
    return getMessage();
  }

  public Optional<Duration> retryAfter() {
    return retryAfter;
  }
}
