package io.camappliance.emulator.iot;

import io.camappliance.emulator.EmulatorSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulator's AWS IoT side: its CA, registry, issued session credentials and the mutual-TLS
 * credentials endpoint on {@link EmulatorSettings#iotPort()}.
 *
 * <p>State lives under {@code <dataDir>/iot/}:
 *
 * <pre>
 * iot/ca/ca.pem, ca.key            the CA (key PKCS#8, 0600), created once
 * iot/registry.json                things, certificate status, attachments, role aliases
 * iot/certificates/&lt;id&gt;.pem        registered device certificates
 * iot/issued-credentials.json      issued session credentials (0600)
 * </pre>
 *
 * The server certificate is issued afresh by the CA at every start (names {@code localhost} and
 * {@code 127.0.0.1}); devices trust it through {@code ca.pem}.
 */
public final class IotService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IotService.class);
  private static final String HOST = "127.0.0.1";
  private static final List<String> SERVER_NAMES = List.of("localhost", HOST);
  private static final Duration SERVER_CERT_VALIDITY = Duration.ofDays(365);

  private final EmulatorSettings settings;
  private final CertificateAuthority ca;
  private final IotRegistry registry;
  private final IssuedCredentials issued;
  private final CredentialsProvider provider;
  private final CredentialsProviderServer server;
  private boolean closed;

  private IotService(
      EmulatorSettings settings,
      CertificateAuthority ca,
      IotRegistry registry,
      IssuedCredentials issued,
      CredentialsProvider provider,
      CredentialsProviderServer server) {
    this.settings = settings;
    this.ca = ca;
    this.registry = registry;
    this.issued = issued;
    this.provider = provider;
    this.server = server;
  }

  /** {@code <dataDir>/iot}. */
  public static Path iotDir(Path dataDir) {
    return dataDir.resolve("iot");
  }

  /** Loads (or creates) the state under the data directory and starts the endpoint. */
  public static IotService start(EmulatorSettings settings) throws IOException {
    Path dir = iotDir(settings.dataDir());
    CertificateAuthority ca = CertificateAuthority.openOrCreate(dir.resolve("ca"));
    IotRegistry registry = IotRegistry.open(dir);
    IssuedCredentials issued =
        IssuedCredentials.open(dir.resolve("issued-credentials.json"), Clock.systemUTC());
    CredentialsProvider provider =
        new CredentialsProvider(registry, issued, settings.credentialLifetime());
    CredentialsProviderServer server =
        CredentialsProviderServer.start(
            HOST,
            settings.iotPort(),
            ca.issueServer(SERVER_NAMES, SERVER_CERT_VALIDITY),
            ca.certificate(),
            new RegisteredCertificateTrustManager(ca.certificate(), registry),
            provider);
    IotService s = new IotService(settings, ca, registry, issued, provider, server);
    log.info("IoT credentials endpoint on {} (CA {})", s.endpoint(), ca.certificateFile());
    return s;
  }

  public IotRegistry registry() {
    return registry;
  }

  public CertificateAuthority certificateAuthority() {
    return ca;
  }

  /** Issued session credentials: the SigV4 verifier's lookup for {@code ASIA...} keys. */
  public IssuedCredentials issuedCredentials() {
    return issued;
  }

  public int port() {
    return server.port();
  }

  /** {@code https://localhost:PORT}: the device's credentials endpoint. */
  public URI endpoint() {
    return URI.create("https://localhost:" + port());
  }

  /** As {@link IotProvisioning#provision(Path, String, String, KeyType, KeyFormat, Path)}. */
  public ProvisionedDevice provision(
      String thingName, String roleAlias, KeyType keyType, KeyFormat keyFormat, Path outDir)
      throws IOException {
    return IotProvisioning.provision(
        registry, ca, settings.accountId(), thingName, roleAlias, keyType, keyFormat, outDir);
  }

  /** Fault injection: the next {@code requests} credential requests get 429. */
  public void throttle(int requests) {
    provider.throttle(requests);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.close();
  }
}
