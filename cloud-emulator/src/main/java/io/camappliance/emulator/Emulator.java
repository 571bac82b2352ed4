package io.camappliance.emulator;

import io.camappliance.emulator.admin.AdminRoutes;
import io.camappliance.emulator.admin.CredentialExpiry;
import io.camappliance.emulator.admin.FaultPlan;
import io.camappliance.emulator.admin.RestartHook;
import io.camappliance.emulator.auth.RequestAuthorizer;
import io.camappliance.emulator.media.FragmentStore;
import io.camappliance.emulator.putmedia.PersistGate;
import io.camappliance.emulator.putmedia.PutMediaHandler;
import io.camappliance.emulator.streams.StreamInfo;
import io.camappliance.emulator.streams.StreamLookup;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running emulator: the KVS APIs on one HTTP port and the IoT credentials provider on a
 * mutual-TLS port. The composition root of the emulator; components are built and their routes
 * registered here, in one place, and closed in reverse order.
 */
public final class Emulator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Emulator.class);

  private final EmulatorSettings settings;
  private final FaultPlan faults = new FaultPlan();
  private final PersistGate persistGate = new PersistGate();
  private final AtomicLong restarts = new AtomicLong();
  private Javalin http;
  private FragmentStore fragments;
  private PutMediaHandler putMedia;
  private boolean closed;

  private Emulator(EmulatorSettings settings) {
    this.settings = settings;
  }

  /** Starts an emulator; state under the data directory is loaded first. */
  public static Emulator start(EmulatorSettings settings) throws IOException {
    Files.createDirectories(settings.dataDir());
    Emulator e = new Emulator(settings);
    e.startComponents(settings.port());
    return e;
  }

  private void startComponents(int port) throws IOException {
    fragments = FragmentStore.open(settings.dataDir());
    // Until the control plane and SigV4 land: no streams, every request allowed.
    StreamLookup streams =
        new StreamLookup() {
          @Override
          public Optional<StreamInfo> byName(String streamName) {
            return Optional.empty();
          }

          @Override
          public Optional<StreamInfo> byArn(String streamArn) {
            return Optional.empty();
          }
        };
    RequestAuthorizer authorizer = (ctx, streamName) -> Optional.empty();
    putMedia =
        new PutMediaHandler(
            settings.putMedia(),
            settings.maxConnectionDuration(),
            streams,
            authorizer,
            fragments,
            persistGate,
            faults);
    http =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.http.maxRequestSize = 1024 * 1024; // JSON APIs; PutMedia streams its body
            });
    http.get("/health", ctx -> ctx.result("ok"));
    putMedia.register(http);
    new AdminRoutes(
            faults,
            persistGate,
            fragments,
            CredentialExpiry.NONE,
            new RestartHook() {
              @Override
              public void restart() {
                Emulator.this.restart();
              }

              @Override
              public long restarts() {
                return restarts.get();
              }
            })
        .register(http);
    http.start("127.0.0.1", port);
    log.info("KVS emulator on {} (data in {})", endpoint(), settings.dataDir());
  }

  /** Stored fragments, for the archive APIs. */
  public FragmentStore fragments() {
    return fragments;
  }

  /**
   * Stops and starts again on the same port, reloading state from the data directory; open
   * connections are cut, as a crash would.
   */
  public synchronized void restart() {
    if (closed) {
      return;
    }
    int port = port();
    stopComponents();
    persistGate.dropHeld(); // fragments not yet persisted are lost, as in a crash
    try {
      startComponents(port);
    } catch (IOException e) {
      throw new UncheckedIOException("restarting the emulator", e);
    }
    restarts.incrementAndGet();
  }

  private void stopComponents() {
    if (putMedia != null) {
      putMedia.close();
    }
    if (http != null) {
      http.stop();
    }
  }

  public EmulatorSettings settings() {
    return settings;
  }

  /** The KVS APIs' port. */
  public int port() {
    return http.port();
  }

  /** {@code http://127.0.0.1:PORT}: the endpoint override for AWS clients. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** Stops everything; idempotent. State on disk stays. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopComponents();
  }
}
