package io.camappliance.credentials;

import static io.camappliance.credentials.CredentialsException.Kind.NETWORK;
import static io.camappliance.credentials.CredentialsException.Kind.SERVER;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the device's current session credentials and keeps them fresh (IoT reference §1.4).
 *
 * <p>One owner thread fetches: at start, then at {@link RefreshPolicy#refreshAt} (expiry minus
 * {@code max(38 s, 10 %)} minus jitter), after failures by {@link Backoff}, and on {@link
 * #refreshNow()} when a service refused the current credentials. Readers never fetch; they take
 * {@link #current(Duration)}, which waits for the first credentials. Every fetch is followed by the
 * {@link ClockCheck}: credentials are not handed out while the clock cannot be trusted.
 *
 * <p>The cache does not close its source; whoever built both closes both.
 */
public final class CredentialsCache implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CredentialsCache.class);
  static final String THREAD_NAME = "iot-credentials-refresh";

  private final CredentialsSource source;
  private final ClockCheck clockCheck;
  private final RefreshPolicy policy;
  private final Clock clock;
  private final Random random;
  private final ScheduledExecutorService owner;

  private final Object lock = new Object();
  private SessionCredentials current; // guarded by lock
  private CredentialsException lastError; // guarded by lock
  private long refreshCount; // guarded by lock
  private int consecutiveFailures; // guarded by lock
  private Instant nextAttempt; // guarded by lock
  private boolean closed; // guarded by lock

  private ScheduledFuture<?> pending; // owner thread only

  private CredentialsCache(
      CredentialsSource source,
      ClockCheck clockCheck,
      RefreshPolicy policy,
      Clock clock,
      Random random) {
    this.source = source;
    this.clockCheck = clockCheck;
    this.policy = policy;
    this.clock = clock;
    this.random = random;
    ScheduledThreadPoolExecutor ex =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, THREAD_NAME);
              t.setDaemon(true);
              return t;
            });
    ex.setRemoveOnCancelPolicy(true);
    this.owner = ex;
  }

  /** Starts fetching at once, on the system clock. */
  public static CredentialsCache start(
      CredentialsSource source, ClockCheck clockCheck, RefreshPolicy policy) {
    return start(source, clockCheck, policy, Clock.systemUTC(), new Random());
  }

  /** As {@link #start(CredentialsSource, ClockCheck, RefreshPolicy)} with a clock and jitter. */
  public static CredentialsCache start(
      CredentialsSource source,
      ClockCheck clockCheck,
      RefreshPolicy policy,
      Clock clock,
      Random random) {
    CredentialsCache c = new CredentialsCache(source, clockCheck, policy, clock, random);
    synchronized (c.lock) {
      c.nextAttempt = clock.instant();
    }
    c.owner.execute(c::attempt);
    return c;
  }

  /**
   * The current credentials, waiting up to {@code timeout} for the first ones (or for fresh ones
   * once they expired). It does not wait while the last attempt failed for a reason a person must
   * fix ({@link CredentialsException.Kind#isTransient()} false): the next probe would fail alike,
   * and callers should show the problem at once.
   *
   * @throws CredentialsException the clock is before the build date, the last attempt failed for a
   *     reason that does not pass, or no valid credentials came within the timeout (then the kind
   *     and message of the last failure)
   */
  public SessionCredentials current(Duration timeout)
      throws CredentialsException, InterruptedException {
    clockCheck.verify(clock.instant(), Optional.empty());
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (true) {
        if (closed) {
          throw new IllegalStateException("the credentials cache is closed");
        }
        if (current != null && current.expiration().isAfter(clock.instant())) {
          return current;
        }
        if (consecutiveFailures > 0 && !lastError.kind().isTransient()) {
          throw new CredentialsException(
              lastError.kind(), "no valid credentials: " + lastError.getMessage(), lastError);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw noCredentials(timeout);
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
    }
  }

  /** The latest credentials, even expired ones, without waiting. */
  public Optional<SessionCredentials> latest() {
    synchronized (lock) {
      return Optional.ofNullable(current);
    }
  }

  /** Time until the current credentials expire; zero when there are none or they expired. */
  public Duration timeToExpiry() {
    synchronized (lock) {
      if (current == null) {
        return Duration.ZERO;
      }
      Duration d = current.remaining(clock.instant());
      return d.isNegative() ? Duration.ZERO : d;
    }
  }

  /** The most recent failure, kept after later successes for diagnostics. */
  public Optional<CredentialsException> lastError() {
    synchronized (lock) {
      return Optional.ofNullable(lastError);
    }
  }

  /** How many times credentials were obtained (the first time included). */
  public long refreshCount() {
    synchronized (lock) {
      return refreshCount;
    }
  }

  /** Failures since the last success. */
  public int consecutiveFailures() {
    synchronized (lock) {
      return consecutiveFailures;
    }
  }

  /** When the owner thread will fetch next; empty once closed. */
  public Optional<Instant> nextAttempt() {
    synchronized (lock) {
      return closed ? Optional.empty() : Optional.ofNullable(nextAttempt);
    }
  }

  /**
   * Fetches now instead of at the scheduled time, e.g. after a service answered 401/403 to a
   * request signed with the current credentials. Ignored while failures are being backed off, so
   * that many refused requests do not hammer the endpoint.
   */
  public void refreshNow() {
    synchronized (lock) {
      if (closed || consecutiveFailures > 0) {
        return;
      }
    }
    owner.execute(
        () -> {
          if (pending != null) {
            pending.cancel(false);
          }
          attempt();
        });
  }

  /** Stops the owner thread; idempotent. Waiting readers get IllegalStateException. */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      lock.notifyAll();
    }
    owner.shutdownNow();
    try {
      if (!owner.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("credentials refresh thread did not stop within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void attempt() {
    synchronized (lock) {
      if (closed) {
        return;
      }
    }
    Duration wait;
    try {
      clockCheck.verify(clock.instant(), Optional.empty());
      FetchedCredentials f = source.fetch();
      Instant now = clock.instant();
      clockCheck.verify(now, f.serverDate());
      SessionCredentials c = f.credentials();
      if (!c.expiration().isAfter(now)) {
        throw new CredentialsException(
            SERVER, "received credentials that expired at " + c.expiration() + ", now is " + now);
      }
      Instant at = policy.refreshAt(c, now, random);
      wait = Duration.between(now, at);
      synchronized (lock) {
        current = c;
        refreshCount++;
        consecutiveFailures = 0;
        nextAttempt = at;
        lock.notifyAll();
      }
      log.debug("credentials {} fetched; next refresh at {}", c, at);
    } catch (CredentialsException e) {
      wait = afterFailure(e);
    } catch (RuntimeException e) {
      wait = afterFailure(new CredentialsException(SERVER, "fetching credentials failed: " + e, e));
    }
    schedule(wait);
  }

  private Duration afterFailure(CredentialsException e) {
    int failures;
    synchronized (lock) {
      failures = ++consecutiveFailures;
      lastError = e;
    }
    Duration wait = retryDelay(e, failures);
    synchronized (lock) {
      nextAttempt = clock.instant().plus(wait);
      lock.notifyAll();
    }
    log.warn("{} (failure {}, retrying in {} ms)", e.getMessage(), failures, wait.toMillis());
    return wait;
  }

  /** The retry rules, in one place. */
  private Duration retryDelay(CredentialsException e, int failures) {
    // A person must change something (certificate, alias, attachment): probe slowly.
    if (!e.kind().isTransient()) {
      return policy.permanentFailureRetry();
    }
    // Throttling, service errors, network and clock trouble pass: back off exponentially.
    return policy.backoff().delay(failures, random);
  }

  private void schedule(Duration wait) {
    synchronized (lock) {
      if (closed) {
        return;
      }
    }
    long nanos = Math.max(0, wait.toNanos());
    try {
      pending = owner.schedule(this::attempt, nanos, TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closed meanwhile
    }
  }

  private CredentialsException noCredentials(Duration timeout) {
    if (lastError != null) {
      return new CredentialsException(
          lastError.kind(),
          "no valid credentials within " + timeout.toMillis() + " ms: " + lastError.getMessage(),
          lastError);
    }
    return new CredentialsException(
        NETWORK,
        "no credentials within " + timeout.toMillis() + " ms; the first fetch has not completed");
  }
}
