package io.camappliance.emulator.iot;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The credentials endpoint's mutual-TLS listener: HTTPS with TLS 1.2 or 1.3 only, a client
 * certificate required ({@link RegisteredCertificateTrustManager} decides which), and the one route
 * {@code GET /role-aliases/{alias}/credentials} answered by {@link CredentialsProvider}.
 *
 * <p>Built on Jetty through Javalin rather than the JDK's {@code HttpsServer}: it is the stack the
 * KVS port already runs on, Jetty's {@code SslContextFactory} pins protocols and excludes weak
 * cipher suites, the verified client chain reaches the handler as the servlet attribute {@code
 * jakarta.servlet.request.X509Certificate}, and its stop joins its own threads (a bounded pool), so
 * tests can check that nothing leaks. SNI host checking is off: the server certificate names {@code
 * localhost} and {@code 127.0.0.1}, and clients that dial the IP send no SNI.
 */
final class CredentialsProviderServer implements AutoCloseable {
  private static final String CLIENT_CHAIN = "jakarta.servlet.request.X509Certificate";
  private static final char[] NO_PASSWORD = new char[0];

  private final Javalin http;

  private CredentialsProviderServer(Javalin http) {
    this.http = http;
  }

  /**
   * Starts listening on {@code host:port} (0: any free port).
   *
   * @param server the server's key and certificate, issued by {@code ca}
   */
  static CredentialsProviderServer start(
      String host,
      int port,
      IssuedKey server,
      X509Certificate ca,
      TrustManager clients,
      CredentialsProvider provider) {
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setSslContext(sslContext(server, ca, clients));
    tls.setNeedClientAuth(true);
    tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    QueuedThreadPool threads = new QueuedThreadPool(16, 2);
    threads.setName("iot-credentials");
    Javalin http =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.startupWatcherEnabled = false; // a thread of its own; start() follows at once
              config.jetty.threadPool = threads;
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
            });
    http.get("/role-aliases/{alias}/credentials", ctx -> answer(ctx, provider));
    http.start();
    return new CredentialsProviderServer(http);
  }

  int port() {
    return http.port();
  }

  @Override
  public void close() {
    http.stop();
  }

  private static void answer(Context ctx, CredentialsProvider provider) {
    X509Certificate client = null;
    if (ctx.req().getAttribute(CLIENT_CHAIN) instanceof X509Certificate[] chain
        && chain.length > 0) {
      client = chain[0];
    }
    CredentialsResponse r =
        provider.answer(
            client, ctx.header(CredentialsProvider.THING_NAME_HEADER), ctx.pathParam("alias"));
    ctx.status(r.status()).contentType("application/json").result(r.body());
  }

  private static SSLContext sslContext(IssuedKey server, X509Certificate ca, TrustManager clients) {
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(
          "server",
          server.keyPair().getPrivate(),
          NO_PASSWORD,
          new Certificate[] {server.certificate(), ca});
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, NO_PASSWORD);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), new TrustManager[] {clients}, null);
      return ctx;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot set up TLS for the credentials endpoint", e);
    }
  }
}
