package io.camappliance.web;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A WHEP request the server refuses, with the HTTP status and the reason the client sees as a
 * {@code text/plain} body (the live page shows it to the viewer), and optionally how long the
 * client should wait before it tries again ({@code Retry-After}, RFC 9110 section 10.2.3).
 */
public final class WhepException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final transient Optional<Duration> retryAfter;

  /**
   * @param httpStatus a 4xx or 5xx status
   * @param reason a short sentence for the viewer, e.g. "Viewer limit reached (4 viewers)"
   * @param retryAfter when given, sent as {@code Retry-After} in whole seconds, rounded up
   */
  public WhepException(int httpStatus, String reason, Optional<Duration> retryAfter) {
    super(Objects.requireNonNull(reason, "reason"));
    if (httpStatus < 400 || httpStatus > 599) {
      throw new IllegalArgumentException(
          "WHEP error status " + httpStatus + " is not a 4xx or 5xx status");
    }
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (retryAfter.isPresent() && retryAfter.get().isNegative()) {
      throw new IllegalArgumentException("Retry-After " + retryAfter.get() + " is negative");
    }
    this.httpStatus = httpStatus;
    this.retryAfter = retryAfter;
  }

  /** A refusal without {@code Retry-After}. */
  public WhepException(int httpStatus, String reason) {
    this(httpStatus, reason, Optional.empty());
  }

  /** 404: no session has this id (it ended, or never existed). */
  public static WhepException unknownSession(String sessionId) {
    return new WhepException(404, "No WHEP session " + sessionId);
  }

  /** 503 with {@code Retry-After}: every viewer slot is taken. */
  public static WhepException viewerLimit(int maxViewers, Duration retryAfter) {
    return new WhepException(
        503,
        "Viewer limit reached (" + maxViewers + " viewers); try again later",
        Optional.of(retryAfter));
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
