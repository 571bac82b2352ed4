package io.camappliance.emulator.putmedia;

import io.camappliance.emulator.auth.AuthFailure;
import io.camappliance.emulator.auth.RequestAuthorizer;
import io.camappliance.emulator.media.FragmentStore;
import io.camappliance.emulator.streams.StreamInfo;
import io.camappliance.emulator.streams.StreamLookup;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;

/**
 * {@code POST /putMedia} (kvs-putmedia.md): checks the request, answers the errors of §7 before the
 * 200, then streams ACKs back while the body is still arriving (full duplex over HTTP/1.1). One
 * connection per stream: a newer one takes over, the older one ends at its next Cluster after
 * {@link PutMediaSettings#supersededGrace()} (§9, C-P3).
 */
public final class PutMediaHandler implements Handler, AutoCloseable {
  private static final long TICK_MILLIS = 100;

  private final PutMediaSettings limits;
  private final Duration maxConnectionDuration;
  private final StreamLookup streams;
  private final RequestAuthorizer authorizer;
  private final FragmentStore store;
  private final PersistGate gate;
  private final PutMediaFaults faults;
  private final ScheduledExecutorService timer;
  private final Set<PutMediaSession> sessions = ConcurrentHashMap.newKeySet();
  private final Map<String, PutMediaSession> byStream = new ConcurrentHashMap<>();
  private final Map<String, ArrayDeque<Long>> recentCalls = new HashMap<>();

  public PutMediaHandler(
      PutMediaSettings limits,
      Duration maxConnectionDuration,
      StreamLookup streams,
      RequestAuthorizer authorizer,
      FragmentStore store,
      PersistGate gate,
      PutMediaFaults faults) {
    this.limits = limits;
    this.maxConnectionDuration = maxConnectionDuration;
    this.streams = streams;
    this.authorizer = authorizer;
    this.store = store;
    this.gate = gate;
    this.faults = faults;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "putmedia-timer");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Registers {@code POST /putMedia}. */
  public void register(Javalin app) {
    app.post("/putMedia", this);
  }

  /** Open PutMedia connections. */
  public int activeConnections() {
    return sessions.size();
  }

  @Override
  public void handle(Context ctx) throws Exception {
    HttpServletRequest req = ctx.req();
    HttpServletResponse res = ctx.res();
    Optional<ServiceError> refusal = check(ctx);
    if (refusal.isPresent()) {
      refusal.get().writeTo(res);
      return;
    }
    PutMediaHeaders headers = PutMediaHeaders.parse(req::getHeader);
    Optional<StreamInfo> found = lookup(headers);
    if (found.isEmpty()) { // deleted since the check
      ServiceError.notFound().writeTo(res);
      return;
    }
    StreamInfo stream = found.get();
    Request base = Request.getBaseRequest(req);
    EndPoint endPoint = base != null ? base.getHttpChannel().getEndPoint() : null;
    if (endPoint != null) {
      // Our own idle close (with IDLE ACKs) runs first; the socket's timeout is only a backstop.
      endPoint.setIdleTimeout(limits.idleTimeout().toMillis() + 10_000);
    }
    res.setStatus(200);
    res.setContentType("application/json");
    res.setHeader("x-amzn-RequestId", UUID.randomUUID().toString());
    res.flushBuffer();
    AckChannel acks = new AckChannel(res.getOutputStream(), timer, faults, headers.acksRequired());
    PutMediaSession session =
        new PutMediaSession(
            headers,
            stream,
            limits,
            maxConnectionDuration,
            streams,
            store,
            gate,
            faults,
            acks,
            () -> {
              if (endPoint != null) {
                endPoint.close();
              }
            });
    sessions.add(session);
    PutMediaSession older = byStream.put(stream.streamName(), session);
    if (older != null) {
      older.supersede();
    }
    try {
      session.run(req.getInputStream());
    } finally {
      sessions.remove(session);
      byStream.remove(stream.streamName(), session);
    }
  }

  /** Every refusal before the 200, in the order the service applies them. */
  private Optional<ServiceError> check(Context ctx) {
    String nameHint = ctx.header("x-amzn-stream-name");
    Optional<PutMediaFaults.HttpFault> fault = faults.beforeRequest(nameHint);
    if (fault.isPresent()) {
      PutMediaFaults.HttpFault f = fault.get();
      return Optional.of(new ServiceError(f.status(), f.errorType(), f.message()));
    }
    PutMediaHeaders headers;
    try {
      headers = PutMediaHeaders.parse(ctx.req()::getHeader);
    } catch (PutMediaHeaders.InvalidHeaderException e) {
      return Optional.of(ServiceError.invalidArgument(e.getMessage()));
    }
    Optional<AuthFailure> denied = authorizer.authorize(ctx, headers.nameForAuthorization());
    if (denied.isPresent()) {
      AuthFailure a = denied.get();
      return Optional.of(new ServiceError(a.status(), a.errorType(), a.message()));
    }
    Optional<StreamInfo> stream = lookup(headers);
    if (stream.isEmpty()) {
      return Optional.of(ServiceError.notFound());
    }
    if (sessions.size() >= limits.maxConnections()) {
      return Optional.of(
          new ServiceError(
              400,
              "ConnectionLimitExceededException",
              "Too many open PutMedia connections: " + sessions.size()));
    }
    if (!admitCall(stream.get().streamName())) {
      return Optional.of(
          new ServiceError(
              400,
              "ClientLimitExceededException",
              "More than "
                  + limits.maxCallsPerSecond()
                  + " PutMedia calls per second for this stream."));
    }
    return Optional.empty();
  }

  private Optional<StreamInfo> lookup(PutMediaHeaders h) {
    Optional<StreamInfo> s =
        h.streamName() != null ? streams.byName(h.streamName()) : streams.byArn(h.streamArn());
    return s.filter(i -> "ACTIVE".equals(i.status()) || "UPDATING".equals(i.status()));
  }

  private synchronized boolean admitCall(String stream) {
    long now = System.nanoTime();
    ArrayDeque<Long> calls = recentCalls.computeIfAbsent(stream, k -> new ArrayDeque<>());
    while (!calls.isEmpty() && now - calls.peekFirst() >= 1_000_000_000L) {
      calls.pollFirst();
    }
    if (calls.size() >= limits.maxCallsPerSecond()) {
      return false;
    }
    calls.addLast(now);
    return true;
  }

  private void tick() {
    for (PutMediaSession s : sessions) {
      try {
        s.tick();
      } catch (RuntimeException e) {
        // one broken session must not stop the others' ticks
      }
    }
  }

  /** Ends every open connection at once (a restart). */
  public void abortAll() {
    for (PutMediaSession s : sessions) {
      s.abort();
    }
  }

  @Override
  public void close() {
    abortAll();
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
