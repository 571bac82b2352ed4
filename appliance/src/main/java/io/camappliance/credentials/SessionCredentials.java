package io.camappliance.credentials;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Temporary AWS credentials from the IoT credentials provider (IoT reference §1.2). The session
 * token must be sent with every signed request ({@code x-amz-security-token}, §9 pitfall 6).
 *
 * <p>{@link #toString()} leaves the secret and the token out, so the record may be logged.
 */
public record SessionCredentials(
    String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {

  public SessionCredentials {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    Objects.requireNonNull(sessionToken, "sessionToken");
    Objects.requireNonNull(expiration, "expiration");
  }

  /** Time left until {@link #expiration()} at {@code now}; negative once expired. */
  public Duration remaining(Instant now) {
    return Duration.between(now, expiration);
  }

  @Override
  public String toString() {
    return "SessionCredentials[accessKeyId=" + accessKeyId + ", expiration=" + expiration + "]";
  }
}
