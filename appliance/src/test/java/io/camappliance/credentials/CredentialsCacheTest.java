package io.camappliance.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.camappliance.credentials.CredentialsException.Kind;
import io.camappliance.emulator.Emulator;
import io.camappliance.emulator.EmulatorSettings;
import io.camappliance.emulator.iot.KeyFormat;
import io.camappliance.emulator.iot.KeyType;
import io.camappliance.emulator.iot.ProvisionedDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class CredentialsCacheTest {
  private static final String ALIAS = "camera-role-alias";
  private static final Duration LIFETIME = Duration.ofSeconds(60);
  private static final Instant BUILD = Instant.parse("2025-01-01T00:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir static Path dir;
  private static Emulator emulator;
  private static ProvisionedDevice device;

  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeAll
  static void startEmulator() throws IOException {
    EmulatorSettings shortLived =
        EmulatorSettings.defaults(dir.resolve("emulator")).withCredentialLifetime(LIFETIME);
    emulator = Emulator.start(shortLived);
    device =
        emulator.iot().provision("cam-1", ALIAS, KeyType.EC, KeyFormat.PKCS8, dir.resolve("cam-1"));
  }

  @AfterAll
  static void stopEmulator() {
    emulator.close();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private IotCredentialsClient client(String alias) throws CredentialsException {
    DeviceIdentity id =
        DeviceIdentity.load(device.certificateFile(), device.privateKeyFile(), device.caFile());
    IotCredentialsClient c =
        IotCredentialsClient.create(
            new CredentialsRequest("localhost:" + emulator.iotPort(), alias, "cam-1"), id);
    open.add(c);
    return c;
  }

  private static RefreshPolicy fastBackoff() {
    return RefreshPolicy.defaults()
        .withBackoff(
            new Backoff(Duration.ofMillis(10), Duration.ofMillis(80)), Duration.ofMinutes(5));
  }

  private CredentialsCache cache(
      CredentialsSource source, RefreshPolicy policy, Clock clock, double jitter) {
    CredentialsCache c =
        CredentialsCache.start(
            source, new ClockCheck(BUILD), policy, clock, new FixedRandom(jitter));
    open.add(0, c);
    return c;
  }

  @Test
  void schedulesTheRefreshAtExpiryMinusTheMarginMinusJitter() throws Exception {
    CredentialsCache cache = cache(client(ALIAS), RefreshPolicy.defaults(), Clock.systemUTC(), 0.5);
    SessionCredentials c = cache.current(WAIT);
    // 60 s credentials: margin max(38 s, 6 s) = 38 s; jitter 0.5 x 3 s.
    assertThat(cache.nextAttempt()).hasValue(c.expiration().minusSeconds(38).minusMillis(1500));
    assertThat(cache.timeToExpiry()).isBetween(Duration.ofSeconds(50), LIFETIME);
    assertThat(cache.refreshCount()).isEqualTo(1);
    assertThat(cache.lastError()).isEmpty();
  }

  @Test
  void refreshesWhenTheClockReachesTheMargin() throws Exception {
    // The device clock runs 21 s ahead: 60 s credentials have 39 s left, one past the margin, so
    // each refresh is due one second after the previous one.
    MutableClock clock = new MutableClock(Duration.ofSeconds(21));
    CredentialsCache cache = cache(client(ALIAS), RefreshPolicy.defaults(), clock, 0);
    SessionCredentials first = cache.current(WAIT);
    assertThat(cache.nextAttempt()).hasValue(first.expiration().minusSeconds(38));
    SessionCredentials second = awaitNewCredentials(cache, first);
    assertThat(second.accessKeyId()).isNotEqualTo(first.accessKeyId());
    assertThat(second.expiration()).isAfter(first.expiration());
    assertThat(cache.refreshCount()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void backsOffOnThrottlingAndRecovers() throws Exception {
    emulator.iot().throttle(3);
    CredentialsCache cache = cache(client(ALIAS), fastBackoff(), Clock.systemUTC(), 0.5);
    SessionCredentials c = cache.current(WAIT);
    assertThat(c.accessKeyId()).startsWith("ASIA");
    assertThat(cache.refreshCount()).isEqualTo(1);
    assertThat(cache.consecutiveFailures()).isZero();
    assertThat(cache.lastError())
        .hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(Kind.THROTTLED));
  }

  @Test
  void theBackoffDoublesWithEachConsecutiveFailure() throws Exception {
    Instant t = Instant.parse("2026-06-01T12:00:00Z");
    Clock fixed = Clock.fixed(t, ZoneOffset.UTC);
    List<Duration> waits = new ArrayList<>();
    AtomicReference<CredentialsCache> self = new AtomicReference<>();
    CredentialsSource flaky =
        () -> {
          while (self.get() == null) {
            Thread.onSpinWait();
          }
          waits.add(Duration.between(t, self.get().nextAttempt().orElseThrow()));
          if (waits.size() <= 5) {
            throw new CredentialsException(Kind.SERVER, "503 number " + waits.size());
          }
          return new FetchedCredentials(
              new SessionCredentials("ASIA1", "s", "t", t.plusSeconds(3600)), Optional.empty());
        };
    CredentialsCache cache = cache(flaky, fastBackoff(), fixed, 1.0);
    self.set(cache);
    cache.current(WAIT);
    // The first attempt is immediate, then 10, 20, 40 ms and the 80 ms cap.
    assertThat(waits)
        .containsExactly(
            Duration.ZERO,
            Duration.ofMillis(10),
            Duration.ofMillis(20),
            Duration.ofMillis(40),
            Duration.ofMillis(80),
            Duration.ofMillis(80));
    assertThat(cache.consecutiveFailures()).isZero();
    assertThat(cache.lastError()).hasValueSatisfying(e -> assertThat(e).hasMessage("503 number 5"));
  }

  @Test
  void aPermanentFailureIsProbedSlowlyAndReportedToReaders() throws Exception {
    CredentialsCache cache = cache(client("no-such-alias"), fastBackoff(), Clock.systemUTC(), 0.5);
    assertThatThrownBy(() -> cache.current(Duration.ofSeconds(2)))
        .isInstanceOfSatisfying(
            CredentialsException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
        .hasMessageContaining("'no-such-alias'");
    assertThat(cache.nextAttempt())
        .hasValueSatisfying(
            at -> assertThat(at).isAfter(Instant.now().plus(Duration.ofMinutes(4))));
    assertThat(cache.consecutiveFailures()).isEqualTo(1);
  }

  @Test
  void readersLearnOfAPermanentFailureAtOnceInsteadOfWaitingOutTheirTimeout() throws Exception {
    CredentialsCache cache = cache(client("no-such-alias"), fastBackoff(), Clock.systemUTC(), 0.5);
    // Waiting cannot help until someone creates the alias: a day's timeout must not be served.
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () ->
            assertThatThrownBy(() -> cache.current(Duration.ofDays(1)))
                .isInstanceOfSatisfying(
                    CredentialsException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
                .hasMessageStartingWith("no valid credentials: ")
                .hasMessageContaining("'no-such-alias'"));
  }

  @Test
  void refusesToHandOutCredentialsWhenTheClockIsSkewedFromTheEndpoint() throws Exception {
    MutableClock clock = new MutableClock(Duration.ofMinutes(-10));
    CredentialsCache cache = cache(client(ALIAS), fastBackoff(), clock, 0.5);
    assertThatThrownBy(() -> cache.current(Duration.ofSeconds(2)))
        .isInstanceOfSatisfying(
            CredentialsException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CLOCK))
        .hasMessageContaining("behind by");
    clock.set(Duration.ZERO); // NTP synchronized
    assertThat(cache.current(WAIT).accessKeyId()).startsWith("ASIA");
  }

  @Test
  void refusesToSignWithAClockBeforeTheBuildDate() {
    Clock past = Clock.fixed(Instant.parse("1970-01-01T00:01:00Z"), ZoneOffset.UTC);
    CredentialsCache cache =
        cache(
            () -> {
              throw new AssertionError("must not fetch with a clock before the build date");
            },
            fastBackoff(),
            past,
            0.5);
    assertThatThrownBy(() -> cache.current(Duration.ofMillis(100)))
        .isInstanceOfSatisfying(
            CredentialsException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CLOCK))
        .hasMessageContaining("before this firmware was built");
  }

  @Test
  void refreshNowFetchesAheadOfScheduleAfterAServiceRefusedTheCredentials() throws Exception {
    CredentialsCache cache = cache(client(ALIAS), RefreshPolicy.defaults(), Clock.systemUTC(), 0);
    SessionCredentials first = cache.current(WAIT);
    cache.refreshNow();
    SessionCredentials second = awaitNewCredentials(cache, first);
    assertThat(second.accessKeyId()).isNotEqualTo(first.accessKeyId());
    assertThat(cache.refreshCount()).isEqualTo(2);
    assertThat(cache.nextAttempt()).hasValue(second.expiration().minusSeconds(38));
  }

  @Test
  void closingStopsTheRefreshThreadAndIsIdempotent() throws Exception {
    CredentialsCache cache = cache(client(ALIAS), RefreshPolicy.defaults(), Clock.systemUTC(), 0);
    cache.current(WAIT);
    assertThat(refreshThreads()).isPositive();
    cache.close();
    cache.close();
    assertThat(refreshThreads()).isZero();
    for (AutoCloseable c : open) {
      c.close();
    }
    assertThat(threadsNamed("iot-credentials-http")).as("client executor").isZero();
    assertThat(cache.nextAttempt()).isEmpty();
    assertThatThrownBy(() -> cache.current(WAIT)).isInstanceOf(IllegalStateException.class);
  }

  private static long refreshThreads() throws InterruptedException {
    return threadsNamed(CredentialsCache.THREAD_NAME);
  }

  private static long threadsNamed(String name) throws InterruptedException {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals(name)) {
        t.join(5000); // shutdownNow() interrupted it; let it finish
      }
    }
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().equals(name))
        .count();
  }

  private static SessionCredentials awaitNewCredentials(
      CredentialsCache cache, SessionCredentials old) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      SessionCredentials c = cache.current(WAIT);
      if (!c.equals(old)) {
        return c;
      }
      Thread.sleep(20); // polling in the test only
    }
    throw new AssertionError("no refresh within " + WAIT);
  }
}
