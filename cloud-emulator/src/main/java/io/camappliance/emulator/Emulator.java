package io.camappliance.emulator;

import io.camappliance.emulator.admin.AdminRoutes;
import io.camappliance.emulator.admin.FaultPlan;
import io.camappliance.emulator.admin.RestartHook;
import io.camappliance.emulator.archive.ArchiveRoutes;
import io.camappliance.emulator.archive.MediaStreams;
import io.camappliance.emulator.auth.CredentialLookup;
import io.camappliance.emulator.auth.RequestAuthorizer;
import io.camappliance.emulator.auth.SigningCredential;
import io.camappliance.emulator.control.ControlPlane;
import io.camappliance.emulator.hls.HlsRoutes;
import io.camappliance.emulator.hls.Viewer;
import io.camappliance.emulator.iot.IotService;
import io.camappliance.emulator.media.FragmentStore;
import io.camappliance.emulator.putmedia.PersistGate;
import io.camappliance.emulator.putmedia.PutMediaHandler;
import io.camappliance.emulator.sigv4.CredentialLookups;
import io.camappliance.emulator.sigv4.SigV4Authorizer;
import io.camappliance.emulator.sigv4.SigV4Verifier;
import io.camappliance.emulator.sigv4.ThingScope;
import io.camappliance.emulator.streams.StreamStore;
import io.camappliance.emulator.tls.KvsTls;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running emulator: the KVS APIs on one HTTP port (HTTPS when {@link EmulatorSettings#tls()}) and
 * the IoT credentials provider on a mutual-TLS port. The composition root of the emulator;
 * components are built and their routes registered here, in one place, and closed in reverse order.
 *
 * <p>{@link #restart()} stops and starts the KVS side on the same port, reloading streams and
 * fragments from the data directory (a service outage for producers); the IoT provider keeps
 * running, as it is a different service.
 */
public final class Emulator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Emulator.class);

  private final EmulatorSettings settings;
  private final CredentialLookup additionalCredentials;
  private final Clock clock = Clock.systemUTC();
  private final FaultPlan faults = new FaultPlan();
  private final PersistGate persistGate = new PersistGate();
  private final AtomicLong restarts = new AtomicLong();
  private IotService iot;
  private Javalin http;
  private StreamStore streams;
  private SigV4Verifier verifier;
  private RequestAuthorizer authorizer;
  private FragmentStore fragments;
  private PutMediaHandler putMedia;
  private KvsTls kvsTls;
  private boolean closed;

  private Emulator(EmulatorSettings settings, CredentialLookup additionalCredentials) {
    this.settings = settings;
    this.additionalCredentials = additionalCredentials;
  }

  /** Starts an emulator; state under the data directory is loaded first. */
  public static Emulator start(EmulatorSettings settings) throws IOException {
    return start(settings, id -> Optional.empty());
  }

  /**
   * Starts an emulator that accepts, besides the static key of the settings and the session
   * credentials its IoT provider issues, the credentials {@code additionalCredentials} knows.
   */
  public static Emulator start(EmulatorSettings settings, CredentialLookup additionalCredentials)
      throws IOException {
    Files.createDirectories(settings.dataDir());
    Emulator e = new Emulator(settings, additionalCredentials);
    try {
      // The IoT side first: the SigV4 check accepts the session credentials it issues.
      e.iot = IotService.start(settings);
      e.kvsTls = settings.tls() ? KvsTls.issue(e.iot.certificateAuthority()) : null;
      e.startKvs(settings.port());
    } catch (IOException | RuntimeException ex) {
      e.close();
      throw ex;
    }
    return e;
  }

  private void startKvs(int port) throws IOException {
    streams =
        StreamStore.open(
            settings.dataDir().resolve("streams"), settings.region(), settings.accountId(), clock);
    verifier =
        new SigV4Verifier(
            CredentialLookups.firstOf(
                CredentialLookups.ofStatic(
                    SigningCredential.ofStatic(settings.accessKeyId(), settings.secretAccessKey())),
                iot.issuedCredentials(),
                additionalCredentials),
            settings.region(),
            clock);
    ThingScope thingScope = new ThingScope(settings.region(), settings.accountId());
    authorizer = new SigV4Authorizer(verifier, thingScope);
    fragments = FragmentStore.open(settings.dataDir());
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
              // Answer a streaming PutMedia on its headers (404, 403, ...) as the service does,
              // not only once the first body bytes arrive.
              config.jetty.modifyHttpConfiguration(h -> h.setDelayDispatchUntilContent(false));
              if (kvsTls != null) {
                kvsTls.addConnector(config, "127.0.0.1", port);
              }
            });
    http.get("/health", ctx -> ctx.result("ok"));
    new ControlPlane(streams, verifier, thingScope, this::endpoint, clock).register(http);
    putMedia.register(http);
    MediaStreams mediaStreams = new MediaStreams(streams, authorizer);
    new ArchiveRoutes(mediaStreams, fragments, Duration.ofSeconds(3)).register(http);
    HlsRoutes hls = new HlsRoutes(mediaStreams, fragments, this::endpoint, clock);
    hls.register(http);
    new Viewer(hls).register(http);
    new AdminRoutes(
            faults,
            persistGate,
            fragments,
            keyOrThing -> iot.issuedCredentials().expireEarly(keyOrThing),
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

  /**
   * Stops and starts the KVS side again on the same port, reloading state from the data directory;
   * open connections are cut, as a crash would.
   */
  public synchronized void restart() {
    if (closed) {
      return;
    }
    int port = port();
    stopKvs();
    persistGate.dropHeld(); // fragments not yet persisted are lost, as in a crash
    try {
      startKvs(port);
    } catch (IOException e) {
      throw new UncheckedIOException("restarting the emulator", e);
    }
    restarts.incrementAndGet();
  }

  private void stopKvs() {
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

  /** Streams and signaling channels of the control plane; the media APIs look streams up here. */
  public StreamStore streams() {
    return streams;
  }

  /** Stored fragments, for the archive APIs. */
  public FragmentStore fragments() {
    return fragments;
  }

  /** SigV4 and thing-scope check for the media APIs (PutMedia, GetMedia, archived media). */
  public RequestAuthorizer requestAuthorizer() {
    return authorizer;
  }

  /** The SigV4 check alone, for requests that are not tied to one stream. */
  public SigV4Verifier sigV4Verifier() {
    return verifier;
  }

  /** The KVS APIs' port. */
  public int port() {
    return http.port();
  }

  /**
   * {@code http://127.0.0.1:PORT} ({@code https://} with TLS): the endpoint override for AWS
   * clients.
   */
  public URI endpoint() {
    return URI.create((kvsTls != null ? "https" : "http") + "://127.0.0.1:" + port());
  }

  /**
   * The emulator CA's certificate ({@code <dataDir>/iot/ca/ca.pem}): the trust anchor for the KVS
   * port with TLS and for the IoT credentials endpoint.
   */
  public Path caCertificateFile() {
    return iot.certificateAuthority().certificateFile();
  }

  /** The IoT side: CA, registry, issued credentials (a {@code CredentialLookup}), fault hooks. */
  public IotService iot() {
    return iot;
  }

  /** The IoT credentials provider's mutual-TLS port. */
  public int iotPort() {
    return iot.port();
  }

  /** Stops everything; idempotent. State on disk stays. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopKvs();
    if (iot != null) {
      iot.close();
    }
  }
}
