package io.camappliance.kvs;

import io.camappliance.credentials.CredentialsException;
import io.camappliance.media.StreamHeader;
import io.camappliance.store.Backlog;
import io.camappliance.store.BacklogEntry;
import io.camappliance.store.BacklogStats;
import io.camappliance.store.ContentStore;
import io.camappliance.store.StoreItem;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The upload state machine (KVS PutMedia reference §8, "producer SDK behaviour"): it drains the
 * {@link ContentStore} into PutMedia connections and, when an outage left fragments on disk, the
 * {@link Backlog} too, so that every fragment reaches the service.
 *
 * <pre>
 *   STARTING ──stream ready──► CONNECTING ──► STREAMING ──rotation / yield──► CONNECTING ...
 *      ▲                            │              │  └─backlog waits, live caught up─► BACKFILLING
 *      │ (stoppedRetry)             ▼              ▼ failure (classified once)
 *   STOPPED ◄──STREAM_STOPPED── BACKING_OFF ◄──────┘  RETRY/RECONNECT/THROTTLED/AUTH: jittered
 *                                                      backoff; SKIP_FRAGMENT: skip, go on
 * </pre>
 *
 * <ul>
 *   <li><b>Cursor and trims.</b> Each live connection starts with the stream header at a fragment
 *       start; the store's current cursor advances as frames go out; RECEIVED/PERSISTED ACKs trim
 *       the store (per its trim policy); after a failure the next connection starts at the first
 *       fragment without a RECEIVED ACK ({@link ContentStore#rewind()}).
 *   <li><b>Resets.</b> Staleness (a fragment sent and no BUFFERING ACK for {@code
 *       connection_staleness}) closes the connection from a watchdog, so a write blocked on a dead
 *       network ends too; latency pressure (unsent media above {@code max_latency} and growing on
 *       this connection) resets it. A store still draining after an outage is not pressure.
 *   <li><b>Rotation.</b> At a fragment boundary, a connection ends gracefully (last chunk, then
 *       every ACK read) and the next one starts with the next fragment: before {@code
 *       rotationPeriod} (below the service's 45 minutes) and once the signing credentials expire
 *       within {@code rotationMargin} and newer ones are at hand (it asks for them at the margin).
 *       Nothing is resent and nothing is skipped.
 *   <li><b>Backfill.</b> While the backlog holds fragments and the live stream has caught up, the
 *       live connection yields at a fragment boundary to a backfill connection of its own (fragment
 *       timecodes must grow within one connection) that sends the oldest backlog fragments until
 *       the live stream has {@code liveYield} of media waiting, then live resumes. The service
 *       allows one connection per stream, so the two alternate; backlog fragments are deleted on
 *       RECEIVED.
 * </ul>
 *
 * <p>Threads: one uploader thread runs the machine; each connection's reader thread delivers ACKs;
 * a watchdog checks staleness. State and metrics are readable from any thread.
 */
public final class Uploader implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Uploader.class);
  private static final Duration CREDENTIALS_WAIT = Duration.ofSeconds(10);

  private static final long POLL_MILLIS = 100;

  /** How long {@link #close()} lets the open connection end gracefully. */
  public static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private final UploaderSettings settings;
  private final ContentStore store;
  private final Backlog backlog;
  private final ControlPlane controlPlane;
  private final UploadCredentials credentials;
  private final PutMediaConnector connector;
  private final Rotation rotation;
  private final UploadMetrics metrics = new UploadMetrics();
  private final Random random = new Random();
  private final AtomicInteger failures = new AtomicInteger();
  private final Thread thread;
  private final ScheduledExecutorService watchdog;
  private final StoreItem item = new StoreItem();
  private ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);

  private volatile UploadState state = UploadState.STARTING;
  private volatile String message = "starting";
  private volatile boolean closed;

  /** Close was asked for: send what the store still holds, then end gracefully. */
  private volatile boolean closing;

  private volatile UploadConnection active;
  private boolean streamReady;
  private int sessionNumber;
  private int authFailures;
  private String lastCredentialsProblem;

  private Uploader(
      UploaderSettings settings,
      ContentStore store,
      Backlog backlog,
      ControlPlane controlPlane,
      UploadCredentials credentials,
      PutMediaConnector connector) {
    this.settings = settings;
    this.store = store;
    this.backlog = backlog;
    this.controlPlane = controlPlane;
    this.credentials = credentials;
    this.connector = connector;
    this.rotation = new Rotation(settings, credentials);
    this.thread = new Thread(this::run, "uploader-" + settings.streamName());
    this.watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "uploader-watchdog-" + settings.streamName());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts uploading on a thread of its own.
   *
   * @param backlog where evicted fragments wait; null for none
   */
  public static Uploader start(
      UploaderSettings settings,
      ContentStore store,
      Backlog backlog,
      ControlPlane controlPlane,
      UploadCredentials credentials,
      PutMediaConnector connector) {
    Uploader u = new Uploader(settings, store, backlog, controlPlane, credentials, connector);
    u.thread.start();
    u.watchdog.scheduleWithFixedDelay(u::checkStaleness, 250, 250, TimeUnit.MILLISECONDS);
    return u;
  }

  public UploadState state() {
    return state;
  }

  /** What the uploader is doing or why it is not streaming, for people. */
  public String message() {
    return message;
  }

  public UploadMetrics metrics() {
    return metrics;
  }

  /** State, session, credentials, buffer, backlog and metrics as a JSON-ready tree. */
  public Map<String, Object> status() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("state", state.name());
    m.put("message", message);
    m.put("stream", settings.streamName());
    UploadConnection c = active;
    m.put("session", c == null ? 0 : c.session().number());
    m.put("sessionAgeSeconds", c == null ? 0 : TimeUnit.NANOSECONDS.toSeconds(c.ageNanos()));
    m.put(
        "credentialsExpireInSeconds",
        UploadStatus.secondsLeft(credentials.expiration(), Instant.now()));
    UploadStatus.putStore(m, store.stats());
    if (backlog != null) {
      m.put("backlog", UploadStatus.backlog(backlog.stats(), System.currentTimeMillis()));
    }
    m.put("metrics", metrics.toMap());
    return m;
  }

  private void setState(UploadState s, String why) {
    if (state != s || !why.equals(message)) {
      state = s;
      message = why;
    }
  }

  // ---- the machine ----

  private void run() {
    while (!closed) {
      try {
        if (!streamReady) {
          // Credentials first: the control-plane client would otherwise block for them and fail
          // unclassified, and a credentials problem must show as WAITING_FOR_CREDENTIALS.
          credentials.current(CREDENTIALS_WAIT);
          setState(UploadState.STARTING, "looking up stream " + settings.streamName());
          StreamDescription d =
              controlPlane.ensureStream(
                  settings.streamName(),
                  settings.createStream(),
                  settings.retentionHours(),
                  settings.mediaType());
          streamReady = true;
          log.info("Stream {} is ready: {}", settings.streamName(), d);
        }
        if (backfillDue()) {
          backfill();
        } else {
          live();
        }
      } catch (UploadFailedException f) {
        handle(f.failure());
      } catch (StreamSetupException e) {
        handle(UploadFailure.of(e.errorClass(), e.getMessage()));
      } catch (CredentialsException e) {
        waitForCredentials(e);
      } catch (InterruptedException e) {
        if (!closed) {
          log.warn("Uploader interrupted; stopping");
        }
        break;
      } catch (RuntimeException e) {
        log.error("Uploader failed unexpectedly; retrying", e);
        handle(UploadFailure.of(ErrorClass.RECONNECT, "unexpected: " + e));
      }
    }
    setState(UploadState.CLOSED, "closed");
  }

  private boolean backfillDue() {
    return backlog != null
        && backlog.stats().fragments() > 0
        && store.unsentDurationMillis() < settings.liveYield().toMillis();
  }

  private void live() throws UploadFailedException, InterruptedException, CredentialsException {
    if (!store.peek(item, 500, TimeUnit.MILLISECONDS)) {
      if (store.isClosed()) {
        closed = true;
      }
      return;
    }
    store.rewind();
    if (!store.peek(item, 0, TimeUnit.MILLISECONDS)) {
      return;
    }
    StreamHeader header = item.header();
    try (UploadConnection c = open(false, header.bytes(), item.fragmentTimecodeMillis())) {
      UploadSession s = c.session();
      setState(UploadState.STREAMING, "streaming to " + settings.streamName());
      long unsentAtStart = store.unsentDurationMillis();
      long evictedMark = store.stats().framesEvictedUnsent();
      long fragmentTimecode = -1;
      while (true) {
        c.check();
        if (!takeFrame()) {
          if (closing || store.isClosed()) {
            // Everything the store holds went out: end so the last fragment is acknowledged.
            closed = true;
            end(c, closing ? "the uploader is closing" : "the content store closed");
            return;
          }
          continue;
        }
        if (item.fragmentStart()) {
          String yield = yieldReason(c, header, item);
          if (yield != null) {
            // Not written: the next connection's rewind moves current back to this frame.
            end(c, yield);
            return;
          }
          long evicted = store.stats().framesEvictedUnsent();
          if (evicted != evictedMark && fragmentTimecode >= 0) {
            s.truncated(fragmentTimecode);
          }
          evictedMark = evicted;
          fragmentTimecode = item.fragmentTimecodeMillis();
          s.fragmentSent(fragmentTimecode, 0);
          metrics.fragments.increment();
        }
        metrics.bytes.add(buffer.remaining());
        metrics.frames.increment();
        c.write(buffer);
        long latency = settings.maxLatency().toMillis();
        long unsent = store.unsentDurationMillis();
        if (latency > 0 && unsent > latency && unsent > unsentAtStart + latency / 4) {
          metrics.latencyResets.increment();
          throw new UploadFailedException(
              UploadFailure.of(
                  ErrorClass.RECONNECT,
                  "latency pressure: "
                      + unsent
                      + " ms of media unsent, above max_latency "
                      + latency
                      + " ms"));
        }
      }
    } finally {
      active = null;
    }
  }

  /**
   * Takes the next frame from the store into {@link #buffer} (flipped), waiting a little for one
   * (not at all while closing); the buffer grows when a frame does not fit.
   */
  private boolean takeFrame() throws InterruptedException {
    long wait = closing ? 0 : POLL_MILLIS;
    while (true) {
      buffer.clear();
      try {
        if (!store.next(item, buffer, wait, TimeUnit.MILLISECONDS)) {
          return false;
        }
        buffer.flip();
        return true;
      } catch (IllegalArgumentException tooSmall) {
        if (!store.peek(item, 0, TimeUnit.MILLISECONDS)) {
          return false;
        }
        buffer = ByteBuffer.allocate(Math.max(item.length(), buffer.capacity() * 2));
      }
    }
  }

  /** Why a live connection ends before this fragment start, or null to go on. */
  private String yieldReason(UploadConnection c, StreamHeader header, StoreItem next) {
    if (next.header().id() != header.id()) {
      return "the stream format changed";
    }
    String rotate = rotation.reason(c, Instant.now());
    if (rotate != null) {
      metrics.rotations.increment();
      return rotate;
    }
    if (backlog != null
        && c.session().fragmentsSent() > 0
        && backlog.stats().fragments() > 0
        && store.unsentDurationMillis() < settings.liveYield().toMillis() / 2) {
      return "the live stream caught up; backfilling " + backlog.stats().fragments() + " fragments";
    }
    return null;
  }

  private void backfill() throws UploadFailedException, InterruptedException, CredentialsException {
    List<BacklogEntry> entries = backlog.oldest(settings.backlogSliceFragments());
    if (entries.isEmpty()) {
      return;
    }
    BacklogEntry first = entries.get(0);
    byte[] header;
    try {
      header = backlog.header(first);
    } catch (IOException e) {
      discard(first, e);
      return;
    }
    try (UploadConnection c = open(true, header, first.fragmentTimecodeMillis())) {
      metrics.backlogSessions.increment();
      BacklogStats b = backlog.stats();
      setState(
          UploadState.BACKFILLING,
          "uploading the backlog: "
              + b.fragments()
              + " fragments, "
              + b.durationMillis() / 1000
              + " s of media");
      for (BacklogEntry e : entries) {
        c.check();
        if (closed
            || closing
            || e.headerKey() != first.headerKey()
            || store.unsentDurationMillis() >= settings.liveYield().toMillis()) {
          break;
        }
        ByteBuffer bytes;
        try {
          bytes = backlog.read(e);
        } catch (IOException ex) {
          discard(e, ex);
          break;
        }
        c.session().fragmentSent(e.fragmentTimecodeMillis(), e.durationMillis());
        metrics.backlogFragmentsSent.increment();
        metrics.fragments.increment();
        metrics.frames.add(e.frames());
        metrics.bytes.add(bytes.remaining());
        c.write(bytes);
      }
      c.check();
      end(c, "backfill slice sent");
    } finally {
      active = null;
    }
  }

  private void discard(BacklogEntry e, IOException why) {
    log.error(
        "Backlog fragment {} ({} frames) cannot be read and is dropped: {}",
        e.fragmentTimecodeMillis(),
        e.frames(),
        why.toString());
    metrics.dropped("backlog unreadable", 1);
    try {
      backlog.remove(e.fragmentTimecodeMillis());
    } catch (IOException again) {
      log.warn("Could not remove backlog fragment {}", e.fragmentTimecodeMillis(), again);
    }
  }

  /** Opens a connection and sends the stream header; it becomes the active one. */
  private UploadConnection open(boolean backfill, byte[] header, long firstTimecode)
      throws UploadFailedException, InterruptedException, CredentialsException {
    AwsCredentialsIdentity id = credentials.current(CREDENTIALS_WAIT);
    Instant expiry = credentials.expiration();
    setState(UploadState.CONNECTING, "connecting to " + settings.streamName());
    URI endpoint;
    try {
      endpoint = controlPlane.putMediaEndpoint(settings.streamName());
    } catch (StreamSetupException e) {
      throw new UploadFailedException(UploadFailure.of(e.errorClass(), e.getMessage()));
    }
    UploadSession s =
        new UploadSession(
            ++sessionNumber, backfill, store, backlog, metrics, () -> failures.set(0));
    PutMediaRequest request =
        new PutMediaRequest(
            endpoint,
            settings.region(),
            settings.streamName(),
            Instant.ofEpochMilli(firstTimecode));
    UploadConnection c;
    try {
      c = new UploadConnection(s, connector.open(request, () -> id, s), expiry);
    } catch (PutMediaException e) {
      throw new UploadFailedException(new UploadFailure(e.errorClass(), e.getMessage(), 0));
    }
    metrics.sessions.increment();
    active = c;
    log.info(
        "PutMedia session {} ({}) to {} from fragment {}; credentials expire {}",
        s.number(),
        backfill ? "backfill" : "live",
        endpoint,
        firstTimecode,
        expiry.equals(Instant.MAX) ? "never" : "in " + Duration.between(Instant.now(), expiry));
    c.write(ByteBuffer.wrap(header));
    return c;
  }

  /** Ends {@code c} gracefully and says why, with what it sent and what was acknowledged. */
  private static void end(UploadConnection c, String why)
      throws UploadFailedException, InterruptedException {
    c.end();
    log.info(
        "PutMedia session {} ended ({}): {} fragments sent, {} received",
        c.session().number(),
        why,
        c.session().fragmentsSent(),
        c.session().fragmentsReceived());
  }

  private void checkStaleness() {
    UploadConnection c = active;
    if (c != null && c.cutIfStale(settings.connectionStaleness())) {
      metrics.staleResets.increment();
    }
  }

  // ---- failures ----

  private void handle(UploadFailure f) {
    if (closed) {
      return;
    }
    metrics.connectionErrors.increment();
    Duration wait;
    switch (f.errorClass()) {
      case SKIP_FRAGMENT -> wait = Duration.ofMillis(250);
      case STREAM_STOPPED -> {
        streamReady = false;
        setState(UploadState.STOPPED, f.message());
        log.error(
            "Streaming to {} stopped: {} (looking again in {} s)",
            settings.streamName(),
            f.message(),
            settings.stoppedRetry().toSeconds());
        sleep(settings.stoppedRetry());
        return;
      }
      case AUTH -> {
        authFailures++;
        credentials.renew();
        wait = backoff();
      }
      case RECONNECT -> {
        controlPlane.invalidateEndpoint();
        wait = backoff();
      }
      case THROTTLED -> wait = max(backoff(), Duration.ofSeconds(1));
      default -> wait = backoff();
    }
    if (f.errorClass() != ErrorClass.AUTH) {
      authFailures = 0;
    }
    String text =
        (authFailures >= 3 ? "credentials refused " + authFailures + " times: " : "")
            + f.message()
            + "; retrying in "
            + wait.toMillis()
            + " ms";
    setState(UploadState.BACKING_OFF, text);
    log.warn("Upload to {}: {} ({})", settings.streamName(), text, f.errorClass());
    sleep(wait);
  }

  private Duration backoff() {
    return settings.backoff().delay(failures.incrementAndGet(), random);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private void waitForCredentials(CredentialsException e) {
    String text = "waiting for credentials: " + e.getMessage();
    setState(UploadState.WAITING_FOR_CREDENTIALS, text);
    if (!e.getMessage().equals(lastCredentialsProblem)) {
      lastCredentialsProblem = e.getMessage();
      log.warn("Upload to {}: {}", settings.streamName(), text);
    }
    sleep(Duration.ofSeconds(1));
  }

  private void sleep(Duration d) {
    try {
      Thread.sleep(Math.max(1, d.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  /**
   * Stops: a live connection first sends what the store still holds, then ends gracefully (last
   * chunk, remaining ACKs), when all that takes less than {@link #CLOSE_WAIT}; otherwise it is cut.
   * What was not acknowledged stays in the store (and in the backlog, if it is evicted there).
   */
  @Override
  public void close() {
    closing = true;
    if (active == null || !streamReady) {
      closed = true;
    }
    try {
      thread.join(CLOSE_WAIT.toMillis());
      closed = true;
      if (thread.isAlive()) {
        UploadConnection c = active;
        if (c != null) {
          c.close();
        }
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(10));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      watchdog.shutdownNow();
    }
  }
}
