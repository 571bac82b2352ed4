package io.camappliance.ice;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Settings of an {@link IceLiteAgent}.
 *
 * @param consentTimeout how long a session lives without a valid Binding request from its browser
 *     (RFC 7675 §5.1: consent expires 30 s after the last successful check)
 * @param connectTimeout how long a new session waits for its first valid Binding request
 * @param checkInterval how often the agent looks for expired sessions
 * @param hostAddresses the addresses to advertise as host candidates; empty means enumerate the
 *     machine's non-loopback IPv4 addresses plus loopback
 * @param nanoClock the monotonic clock, in nanoseconds ({@code System::nanoTime}; tests pass a fake
 *     one)
 */
public record IceConfig(
    Duration consentTimeout,
    Duration connectTimeout,
    Duration checkInterval,
    List<InetAddress> hostAddresses,
    LongSupplier nanoClock) {

  public IceConfig {
    requirePositive("consentTimeout", consentTimeout);
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("checkInterval", checkInterval);
    hostAddresses = List.copyOf(hostAddresses);
    if (nanoClock == null) {
      throw new IllegalArgumentException("nanoClock is required");
    }
  }

  /** 30 s consent, 15 s to connect, checked every second, enumerated addresses, system clock. */
  public static IceConfig defaults() {
    return new IceConfig(
        Duration.ofSeconds(30),
        Duration.ofSeconds(15),
        Duration.ofSeconds(1),
        List.of(),
        System::nanoTime);
  }

  public IceConfig withConsentTimeout(Duration value) {
    return new IceConfig(value, connectTimeout, checkInterval, hostAddresses, nanoClock);
  }

  public IceConfig withConnectTimeout(Duration value) {
    return new IceConfig(consentTimeout, value, checkInterval, hostAddresses, nanoClock);
  }

  public IceConfig withCheckInterval(Duration value) {
    return new IceConfig(consentTimeout, connectTimeout, value, hostAddresses, nanoClock);
  }

  public IceConfig withHostAddresses(List<InetAddress> value) {
    return new IceConfig(consentTimeout, connectTimeout, checkInterval, value, nanoClock);
  }

  public IceConfig withNanoClock(LongSupplier value) {
    return new IceConfig(consentTimeout, connectTimeout, checkInterval, hostAddresses, value);
  }

  private static void requirePositive(String name, Duration d) {
    if (d == null || d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }
}
