package io.camappliance.emulator.putmedia;

import io.camappliance.emulator.admin.AdminRoutes;
import io.camappliance.emulator.admin.CredentialExpiry;
import io.camappliance.emulator.admin.FaultPlan;
import io.camappliance.emulator.admin.RestartHook;
import io.camappliance.emulator.auth.RequestAuthorizer;
import io.camappliance.emulator.media.FragmentStore;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** PutMedia and the admin API on a loopback port, with in-memory streams. */
final class PutMediaServer implements AutoCloseable {
  final InMemoryStreams streams = new InMemoryStreams();
  final FaultPlan faults = new FaultPlan();
  final PersistGate gate = new PersistGate();
  final FragmentStore store;
  final PutMediaHandler handler;
  private final Javalin http;

  PutMediaServer(Path dataDir, PutMediaSettings limits) throws IOException {
    this(dataDir, limits, Duration.ofMinutes(45), (ctx, name) -> Optional.empty());
  }

  PutMediaServer(
      Path dataDir,
      PutMediaSettings limits,
      Duration maxConnectionDuration,
      RequestAuthorizer authorizer)
      throws IOException {
    this(dataDir, limits, maxConnectionDuration, authorizer, CredentialExpiry.NONE);
  }

  PutMediaServer(
      Path dataDir,
      PutMediaSettings limits,
      Duration maxConnectionDuration,
      RequestAuthorizer authorizer,
      CredentialExpiry expiry)
      throws IOException {
    store = FragmentStore.open(dataDir);
    handler =
        new PutMediaHandler(
            limits, maxConnectionDuration, streams, authorizer, store, gate, faults);
    http = Javalin.create(c -> c.showJavalinBanner = false);
    handler.register(http);
    new AdminRoutes(faults, gate, store, expiry, RestartHook.NONE).register(http);
    http.start("127.0.0.1", 0);
  }

  int port() {
    return http.port();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** Short idle times for tests; the rest as the service. */
  static PutMediaSettings fast() {
    return PutMediaSettings.defaults()
        .withIdle(Duration.ofMillis(200), Duration.ofSeconds(5))
        .withConnectionLimits(1000, 100, 0, Duration.ofMillis(300))
        .withFragmentLimits(50_000_000L, Duration.ofSeconds(20), Duration.ZERO, 1000);
  }

  private boolean closed;

  /** Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    handler.close();
    http.stop();
  }
}
