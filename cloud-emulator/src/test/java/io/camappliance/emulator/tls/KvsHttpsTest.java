package io.camappliance.emulator.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camappliance.emulator.Emulator;
import io.camappliance.emulator.EmulatorSettings;
import io.camappliance.emulator.putmedia.PutMediaTestSupport;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.APIName;
import software.amazon.awssdk.services.kinesisvideo.model.Status;

/** The KVS port over HTTPS, as AWS's SDK and a raw TLS PutMedia client see it. */
@Timeout(30)
class KvsHttpsTest {
  private static final long T0 = 1_700_000_000_000L;

  @TempDir Path dir;
  Emulator emulator;
  final List<KinesisVideoClient> clients = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    emulator = Emulator.start(EmulatorSettings.defaults(dir).withTls(true));
  }

  @AfterEach
  void stop() {
    clients.forEach(KinesisVideoClient::close);
    emulator.close();
  }

  @Test
  void plainHttpStaysTheDefault() {
    assertThat(EmulatorSettings.defaults(dir).tls()).isFalse();
    assertThat(EmulatorSettings.defaults(dir).withTls(true).withTls(false).tls()).isFalse();
  }

  @Test
  void theEndpointIsHttpsAndTheCaCertificateIsInTheDataDirectory() {
    assertThat(emulator.endpoint().getScheme()).isEqualTo("https");
    assertThat(emulator.endpoint().getPort()).isEqualTo(emulator.port());
    assertThat(emulator.caCertificateFile()).isEqualTo(dir.resolve("iot/ca/ca.pem"));
    assertThat(emulator.caCertificateFile()).isRegularFile();
  }

  @Test
  void theSdkCreatesAndDescribesAStreamOverHttps() throws Exception {
    KinesisVideoClient kvs =
        client(emulator.endpoint(), trustManagers(emulator.caCertificateFile()));
    kvs.createStream(b -> b.streamName("cam-tls").dataRetentionInHours(24).mediaType("video/h264"));
    assertThat(kvs.describeStream(b -> b.streamName("cam-tls")).streamInfo().status())
        .isEqualTo(Status.ACTIVE);
    assertThat(
            kvs.getDataEndpoint(b -> b.streamName("cam-tls").apiName(APIName.PUT_MEDIA))
                .dataEndpoint())
        .isEqualTo(emulator.endpoint().toString());
  }

  @Test
  void theHostNameLocalhostVerifiesToo() throws Exception {
    KinesisVideoClient kvs =
        client(
            URI.create("https://localhost:" + emulator.port()),
            trustManagers(emulator.caCertificateFile()));
    assertThat(kvs.listStreams(b -> {}).streamInfoList()).isEmpty();
  }

  @Test
  void aClientThatDoesNotTrustTheEmulatorCaIsRefused() {
    KinesisVideoClient kvs = client(emulator.endpoint(), null);
    assertThatThrownBy(() -> kvs.listStreams(b -> {}))
        .isInstanceOf(SdkClientException.class)
        .hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class);
  }

  @Test
  void theServerCertificateNamesLocalhostAndTheLoopbackAddress() throws Exception {
    try (SSLSocket s = socket()) {
      s.startHandshake();
      X509Certificate server = (X509Certificate) s.getSession().getPeerCertificates()[0];
      List<String> names = new ArrayList<>();
      server.getSubjectAlternativeNames().forEach(n -> names.add(n.get(0) + ":" + n.get(1)));
      assertThat(names).containsExactlyInAnyOrder("2:localhost", "7:127.0.0.1");
      X509Certificate ca = pem(emulator.caCertificateFile());
      server.verify(ca.getPublicKey());
      assertThat(s.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
    }
  }

  @Test
  void plainHttpOnTheTlsPortGetsNoHttpAnswer() throws Exception {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", emulator.port())) {
      s.setSoTimeout(5_000);
      s.getOutputStream()
          .write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] head = s.getInputStream().readNBytes(12);
      assertThat(new String(head, StandardCharsets.ISO_8859_1)).doesNotContain("200");
    }
  }

  @Test
  void aPutMediaOverARawTlsSocketIsAcknowledged() throws Exception {
    client(emulator.endpoint(), trustManagers(emulator.caCertificateFile()))
        .createStream(b -> b.streamName("cam-tls").dataRetentionInHours(24));
    List<String> events = putMedia("cam-tls", PutMediaTestSupport.body(T0, 2, 3, 0));
    assertThat(events).startsWith("HTTP/1.1 200 OK");
    assertThat(events).anyMatch(e -> e.contains("\"EventType\":\"RECEIVED\""));
    assertThat(events).anyMatch(e -> e.contains("\"EventType\":\"PERSISTED\""));
  }

  @Test
  void aRestartServesHttpsAgainOnTheSamePort() throws Exception {
    KinesisVideoClient kvs =
        client(emulator.endpoint(), trustManagers(emulator.caCertificateFile()));
    kvs.createStream(b -> b.streamName("cam-tls").dataRetentionInHours(24));
    int port = emulator.port();
    emulator.restart();
    assertThat(emulator.port()).isEqualTo(port);
    assertThat(kvs.describeStream(b -> b.streamName("cam-tls")).streamInfo().streamName())
        .isEqualTo("cam-tls");
  }

  /**
   * A signed PutMedia with a chunked body on a TLS socket that verifies the host name; the
   * response's status line and its ACK lines, read until the response ends.
   */
  private List<String> putMedia(String stream, byte[] body) throws Exception {
    SdkHttpRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(
                            AwsCredentialsIdentity.create(
                                EmulatorSettings.DEFAULT_ACCESS_KEY_ID,
                                EmulatorSettings.DEFAULT_SECRET_ACCESS_KEY))
                        .request(
                            SdkHttpRequest.builder()
                                .method(SdkHttpMethod.POST)
                                .uri(emulator.endpoint().resolve("/putMedia"))
                                .putHeader("x-amzn-stream-name", stream)
                                .putHeader("x-amzn-fragment-timecode-type", "ABSOLUTE")
                                .putHeader("x-amzn-producer-start-timestamp", "1700000000.000")
                                .putHeader("x-amzn-fragment-acknowledgment-required", "1")
                                .build())
                        .payload(ContentStreamProvider.fromByteArray(new byte[0]))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "kinesisvideo")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, EmulatorSettings.DEFAULT_REGION)
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false))
            .request();
    StringBuilder head = new StringBuilder("POST /putMedia HTTP/1.1\r\n");
    signed
        .headers()
        .forEach((k, vs) -> vs.forEach(v -> head.append(k).append(": ").append(v).append("\r\n")));
    head.append("Transfer-Encoding: chunked\r\n\r\n");
    try (SSLSocket s = socket()) {
      OutputStream out = s.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
      out.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> lines = new ArrayList<>();
      lines.add(r.readLine());
      String line;
      while ((line = r.readLine()) != null && !line.equals("0")) {
        if (line.startsWith("{")) {
          lines.add(line);
        }
      }
      return lines;
    }
  }

  /** A TLS socket trusting only the emulator's CA, checking the host name as HTTPS does. */
  private SSLSocket socket() throws Exception {
    SSLSocket s =
        (SSLSocket)
            KvsTls.trusting(emulator.caCertificateFile())
                .getSocketFactory()
                .createSocket("127.0.0.1", emulator.port());
    s.setSoTimeout(10_000);
    SSLParameters p = s.getSSLParameters();
    p.setEndpointIdentificationAlgorithm("HTTPS");
    s.setSSLParameters(p);
    return s;
  }

  private KinesisVideoClient client(URI endpoint, TrustManager[] trust) {
    UrlConnectionHttpClient.Builder http = UrlConnectionHttpClient.builder();
    if (trust != null) {
      http.tlsTrustManagersProvider(() -> trust);
    }
    KinesisVideoClient c =
        KinesisVideoClient.builder()
            .endpointOverride(endpoint)
            .region(Region.of(EmulatorSettings.DEFAULT_REGION))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        EmulatorSettings.DEFAULT_ACCESS_KEY_ID,
                        EmulatorSettings.DEFAULT_SECRET_ACCESS_KEY)))
            .httpClient(http.build())
            .build();
    clients.add(c);
    return c;
  }

  /** A trust store holding the CA PEM alone, built without the emulator's own code. */
  private static TrustManager[] trustManagers(Path caPem) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", pem(caPem));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    return tmf.getTrustManagers();
  }

  private static X509Certificate pem(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }
}
