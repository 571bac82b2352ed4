package io.camappliance.credentials;

import static io.camappliance.credentials.CredentialsException.Kind.CLOCK;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Refuses to let the device sign with a clock that is obviously wrong (IoT reference §5): a
 * Raspberry Pi has no real-time clock and boots in the past until NTP syncs, and SigV4 fails beyond
 * 15 minutes of skew, PutMedia timecodes far in the future are refused (4007).
 *
 * <p>Two checks: the clock must not be before the firmware's build date (a time the device has
 * certainly passed), and must be within {@code maxSkew} of a trusted time: the {@code Date} header
 * of the credentials endpoint, which TLS has authenticated.
 */
public final class ClockCheck {
  /** Well inside SigV4's 15 minutes, far outside normal NTP error. */
  public static final Duration DEFAULT_MAX_SKEW = Duration.ofMinutes(5);

  private final Instant buildDate;
  private final Duration maxSkew;

  public ClockCheck(Instant buildDate, Duration maxSkew) {
    if (maxSkew.isNegative()) {
      throw new IllegalArgumentException("maxSkew " + maxSkew + " is negative");
    }
    this.buildDate = buildDate;
    this.maxSkew = maxSkew;
  }

  public ClockCheck(Instant buildDate) {
    this(buildDate, DEFAULT_MAX_SKEW);
  }

  /**
   * Checks {@code now} against the build date and, when present, the trusted time.
   *
   * @throws CredentialsException of kind {@code CLOCK} saying how far off the clock is
   */
  public void verify(Instant now, Optional<Instant> trusted) throws CredentialsException {
    if (now.isBefore(buildDate)) {
      throw new CredentialsException(
          CLOCK,
          "the system clock says "
              + now
              + ", before this firmware was built ("
              + buildDate
              + "); wait for NTP to synchronize (timedatectl: 'System clock synchronized: yes')"
              + " before streaming");
    }
    if (trusted.isEmpty()) {
      return;
    }
    Duration skew = Duration.between(trusted.get(), now);
    if (skew.abs().compareTo(maxSkew) > 0) {
      throw new CredentialsException(
          CLOCK,
          "the system clock says "
              + now
              + " but the credentials endpoint says "
              + trusted.get()
              + " ("
              + (skew.isNegative() ? "behind" : "ahead")
              + " by "
              + skew.abs().toSeconds()
              + " s, more than "
              + maxSkew.toSeconds()
              + " s); check NTP (chrony/timedatectl) before streaming");
    }
  }
}
