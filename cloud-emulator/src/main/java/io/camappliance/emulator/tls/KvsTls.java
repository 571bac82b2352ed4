package io.camappliance.emulator.tls;

import io.camappliance.emulator.iot.CertificateAuthority;
import io.camappliance.emulator.iot.IssuedKey;
import io.camappliance.emulator.iot.Pem;
import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * HTTPS for the KVS port, as the real service has ({@code https://kinesisvideo.<region>
 * .amazonaws.com}): the emulator's own CA issues a server certificate naming {@code localhost} and
 * {@code 127.0.0.1}, so a client that trusts {@code ca.pem} verifies the host name whichever of the
 * two it dials. TLS 1.2 or 1.3, HTTP/1.1, no client certificate (KVS authenticates with SigV4).
 *
 * <p>The certificate is issued once per emulator and reused when the KVS side restarts, so a
 * client's pinned view of the server does not change across a simulated outage. SNI host checking
 * is off: clients that dial the IP address send no SNI.
 */
public final class KvsTls {
  /** The names in the server certificate's subjectAltName. */
  public static final List<String> SERVER_NAMES = List.of("localhost", "127.0.0.1");

  private static final Duration VALIDITY = Duration.ofDays(365);
  private static final char[] NO_PASSWORD = new char[0];

  private final SSLContext context;

  private KvsTls(SSLContext context) {
    this.context = context;
  }

  /** Issues the server certificate from {@code ca}. */
  public static KvsTls issue(CertificateAuthority ca) {
    IssuedKey server = ca.issueServer(SERVER_NAMES, VALIDITY);
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(
          "server",
          server.keyPair().getPrivate(),
          NO_PASSWORD,
          new Certificate[] {server.certificate(), ca.certificate()});
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, NO_PASSWORD);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return new KvsTls(ctx);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS for the KVS port", e);
    }
  }

  /**
   * Makes {@code config} listen with HTTPS alone on {@code host:port} (0: any free port); Javalin
   * adds no plain-HTTP connector when one is configured.
   */
  public void addConnector(JavalinConfig config, String host, int port) {
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setSslContext(context);
    tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    config.jetty.addConnector(
        (jetty, httpConfig) -> {
          HttpConfiguration https = new HttpConfiguration(httpConfig);
          https.addCustomizer(new SecureRequestCustomizer(false));
          ServerConnector c =
              new ServerConnector(
                  jetty,
                  new SslConnectionFactory(tls, "http/1.1"),
                  new HttpConnectionFactory(https));
          c.setHost(host);
          c.setPort(port);
          return c;
        });
  }

  /** A client context that trusts only the CA certificate in {@code caPem}. */
  public static SSLContext trusting(Path caPem) throws IOException {
    X509Certificate ca = Pem.certificate(Files.readString(caPem, StandardCharsets.US_ASCII));
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("emulator-ca", ca);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a trust store from " + caPem, e);
    }
  }
}
