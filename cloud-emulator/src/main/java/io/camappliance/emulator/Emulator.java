package io.camappliance.emulator;

import io.camappliance.emulator.iot.IotService;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
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
  private Javalin http;
  private IotService iot;
  private boolean closed;

  private Emulator(EmulatorSettings settings) {
    this.settings = settings;
  }

  /** Starts an emulator; state under the data directory is loaded first. */
  public static Emulator start(EmulatorSettings settings) throws IOException {
    Files.createDirectories(settings.dataDir());
    Emulator e = new Emulator(settings);
    try {
      e.startComponents();
    } catch (IOException | RuntimeException ex) {
      e.close();
      throw ex;
    }
    return e;
  }

  private void startComponents() throws IOException {
    http =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.http.maxRequestSize = 1024 * 1024; // JSON APIs; PutMedia streams its body
            });
    http.get("/health", ctx -> ctx.result("ok"));
    http.start("127.0.0.1", settings.port());
    log.info("KVS emulator on {} (data in {})", endpoint(), settings.dataDir());
    iot = IotService.start(settings);
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
    if (iot != null) {
      iot.close();
    }
    if (http != null) {
      http.stop();
    }
  }
}
