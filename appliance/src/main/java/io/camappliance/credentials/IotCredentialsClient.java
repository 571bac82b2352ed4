package io.camappliance.credentials;

import static io.camappliance.credentials.CredentialsException.Kind.NETWORK;
import static io.camappliance.credentials.CredentialsException.Kind.TLS_REFUSED;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * Client of the AWS IoT credentials provider (IoT reference §1): {@code GET
 * /role-aliases/<alias>/credentials} over mutual TLS (TLS 1.2 or 1.3, SNI set to the endpoint's
 * host name, the server's host name verified against its certificate), authenticated by the device
 * certificate alone.
 *
 * <p>Timeouts follow the C producer: connect 3 s, whole request 5 s. One request at a time is
 * expected ({@link CredentialsCache} owns the client); the class is nevertheless thread-safe.
 */
public final class IotCredentialsClient implements CredentialsSource, AutoCloseable {
  static final String THING_NAME_HEADER = "x-amzn-iot-thingname";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private final CredentialsRequest request;
  private final DeviceIdentity identity;
  private final ExecutorService executor;
  private volatile HttpClient http;

  private IotCredentialsClient(
      CredentialsRequest request, DeviceIdentity identity, HttpClient http, ExecutorService ex) {
    this.request = request;
    this.identity = identity;
    this.http = http;
    this.executor = ex;
  }

  /** A client for {@code request} presenting {@code identity}. */
  public static IotCredentialsClient create(CredentialsRequest request, DeviceIdentity identity)
      throws CredentialsException {
    SSLParameters tls = new SSLParameters();
    tls.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
    // The JDK sends SNI only for names with a dot; IoT needs the exact host name (§1.1), and
    // "localhost" in tests must be treated the same way.
    tls.setServerNames(List.of(new SNIHostName(request.host())));
    tls.setEndpointIdentificationAlgorithm("HTTPS");
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "iot-credentials-http");
              t.setDaemon(true);
              return t;
            });
    HttpClient http =
        HttpClient.newBuilder()
            .sslContext(identity.sslContext())
            .sslParameters(tls)
            .connectTimeout(CONNECT_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor)
            .build();
    return new IotCredentialsClient(request, identity, http, executor);
  }

  public CredentialsRequest request() {
    return request;
  }

  @Override
  public FetchedCredentials fetch() throws CredentialsException {
    HttpClient client = http;
    if (client == null) {
      throw new IllegalStateException("the credentials client is closed");
    }
    HttpRequest get =
        HttpRequest.newBuilder(request.uri())
            .timeout(REQUEST_TIMEOUT)
            .header(THING_NAME_HEADER, request.thingName())
            .GET()
            .build();
    HttpResponse<String> response;
    try {
      response = client.send(get, BodyHandlers.ofString());
    } catch (IOException e) {
      throw classify(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CredentialsException(NETWORK, "interrupted while fetching credentials", e);
    }
    SessionCredentials c =
        CredentialsResponse.parse(response.statusCode(), response.body(), request);
    return new FetchedCredentials(c, date(response));
  }

  /** Releases the client's executor; the JDK's selector thread ends once the client is unused. */
  @Override
  public void close() {
    http = null;
    executor.shutdownNow();
  }

  private static Optional<Instant> date(HttpResponse<?> response) {
    try {
      return response
          .headers()
          .firstValue("date")
          .map(d -> ZonedDateTime.parse(d, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty(); // an unreadable Date only costs the clock check its reference
    }
  }

  private CredentialsException classify(IOException e) {
    String where = "the credentials endpoint " + request.endpoint();
    if (hasCause(e, CertPathValidatorException.class) || hasCause(e, CertificateException.class)) {
      return new CredentialsException(
          TLS_REFUSED,
          where
              + " presented a certificate the CA bundle does not trust or that does not name '"
              + request.host()
              + "' ("
              + rootMessage(e)
              + "); check the CA file setting and the endpoint (iot:CredentialProvider, not the"
              + " -ats data endpoint)",
          e);
    }
    if (hasCause(e, SSLException.class)) {
      return new CredentialsException(
          TLS_REFUSED,
          where
              + " refused the TLS handshake ("
              + rootMessage(e)
              + "): the device certificate is unknown, INACTIVE or REVOKED, or the clock is"
              + " wrong; "
              + identity.validityAt(Instant.now()),
          e);
    }
    return new CredentialsException(NETWORK, where + " could not be reached: " + rootMessage(e), e);
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
