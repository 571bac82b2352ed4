package io.camappliance.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server against a Bouncy Castle DTLS client playing the browser, over an in-memory datagram
 * link. Every test ends with no {@code dtls-} thread left.
 */
@Timeout(20)
class DtlsServerTest {
  private static final int GCM = SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM;
  private static final int AES_CM = SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80;
  private static final int AES_CM_32 = SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_32;

  /** Short timers: retransmissions after 50 ms keep the lossy test fast. */
  private static final DtlsSettings SETTINGS =
      DtlsSettings.defaults()
          .withHandshakeTimeout(Duration.ofSeconds(5))
          .withRetransmitTimeout(Duration.ofMillis(50));

  private static DtlsCertificate serverCertificate;
  private static DtlsCertificate clientCertificate;

  private final List<DtlsServer> servers = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void certificates() {
    serverCertificate = DtlsCertificate.generate(Clock.systemUTC());
    clientCertificate = DtlsCertificate.generate(Clock.systemUTC());
  }

  @AfterEach
  void noSessionThreadOutlivesItsTest() throws InterruptedException {
    servers.forEach(DtlsServer::close);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (liveSessionThreads() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(liveSessionThreads()).isZero();
  }

  @Test
  void negotiatesGcmAndBothSidesExportTheSameKeyingMaterial() throws Exception {
    Session s = session(MemoryDatagramLink.lossless(), SETTINGS, clientFingerprint());
    TestDtlsClient client = client(new int[] {GCM, AES_CM});

    long t0 = System.nanoTime();
    DTLSTransport clientDtls = s.connect(client);
    DtlsSrtpKeys keys = s.listener.connected.get(5, TimeUnit.SECONDS);
    System.out.printf("DTLS handshake (in-memory) took %.1f ms%n", (System.nanoTime() - t0) / 1e6);

    assertThat(client.selectedProfile()).isEqualTo(GCM);
    assertThat(keys.profile()).isEqualTo(SrtpProtectionProfile.AEAD_AES_128_GCM);
    assertThat(keys.keyingMaterial()).hasSize(2 * (16 + 12)).isEqualTo(client.keyingMaterial());
    assertThat(s.server.isConnected()).isTrue();
    clientDtls.close();
  }

  @Test
  void negotiatesAesCmWhenTheClientOffersOnlyThat() throws Exception {
    Session s = session(MemoryDatagramLink.lossless(), SETTINGS, clientFingerprint());
    TestDtlsClient client = client(new int[] {AES_CM});

    s.connect(client);
    DtlsSrtpKeys keys = s.listener.connected.get(5, TimeUnit.SECONDS);

    assertThat(client.selectedProfile()).isEqualTo(AES_CM);
    assertThat(keys.profile()).isEqualTo(SrtpProtectionProfile.AES128_CM_HMAC_SHA1_80);
    assertThat(keys.keyingMaterial()).hasSize(2 * (16 + 14)).isEqualTo(client.keyingMaterial());
  }

  @Test
  void prefersGcmEvenWhenTheClientListsAesCmFirst() throws Exception {
    Session s = session(MemoryDatagramLink.lossless(), SETTINGS, clientFingerprint());
    TestDtlsClient client = client(new int[] {AES_CM_32, AES_CM, GCM});

    s.connect(client);

    assertThat(s.listener.connected.get(5, TimeUnit.SECONDS).profile())
        .isEqualTo(SrtpProtectionProfile.AEAD_AES_128_GCM);
    assertThat(client.selectedProfile()).isEqualTo(GCM);
  }

  @Test
  void failsWhenNoOfferedSrtpProfileIsSupported() throws Exception {
    Session s = session(MemoryDatagramLink.lossless(), SETTINGS, clientFingerprint());

    assertThatThrownBy(() -> s.connect(client(new int[] {AES_CM_32})))
        .extracting(DtlsServerTest::alertOf)
        .isEqualTo(AlertDescription.handshake_failure);
    assertThat(s.listener.failed.get(5, TimeUnit.SECONDS))
        .contains("no common SRTP protection profile")
        .contains("0x0002");
    assertThat(s.listener.events).containsExactly("failed");
  }

  @Test
  void failsWhenTheClientOffersNoUseSrtpExtension() throws Exception {
    Session s = session(MemoryDatagramLink.lossless(), SETTINGS, clientFingerprint());

    assertThatThrownBy(() -> s.connect(client(null)))
        .extracting(DtlsServerTest::alertOf)
        .isEqualTo(AlertDescription.handshake_failure);
    assertThat(s.listener.failed.get(5, TimeUnit.SECONDS)).contains("no use_srtp extension");
  }

  @Test
  void failsWhenTheClientCertificateDoesNotMatchTheSdpFingerprint() throws Exception {
    DtlsCertificate other = DtlsCertificate.generate(Clock.systemUTC());
    CertificateFingerprint announced = CertificateFingerprint.parse(other.fingerprint());
    Session s = session(MemoryDatagramLink.lossless(), SETTINGS, announced);

    assertThatThrownBy(() -> s.connect(client(new int[] {GCM})))
        .extracting(DtlsServerTest::alertOf)
        .isEqualTo(AlertDescription.bad_certificate);
    assertThat(s.listener.failed.get(5, TimeUnit.SECONDS))
        .contains("fingerprint")
        .contains(clientCertificate.fingerprint())
        .contains(other.fingerprint());
    assertThat(s.listener.events).containsExactly("failed");
  }

  @Test
  void reportsTheAlertOfAClientThatRefusesTheServerCertificate() throws Exception {
    Session s = session(MemoryDatagramLink.lossless(), SETTINGS, clientFingerprint());
    String wrong = DtlsCertificate.generate(Clock.systemUTC()).fingerprint();
    TestDtlsClient client = new TestDtlsClient(clientCertificate, wrong, new int[] {GCM}, 50);

    assertThatThrownBy(() -> s.connect(client)).isInstanceOf(IOException.class);

    assertThat(s.listener.failed.get(5, TimeUnit.SECONDS))
        .isEqualTo("the client sent a fatal bad_certificate(42) alert during the DTLS handshake");
  }

  @Test
  void timesOutWhenTheClientStopsAnswering() throws Exception {
    // The ClientHello arrives; every answer of the server is lost, so the client never continues.
    MemoryDatagramLink link = new MemoryDatagramLink(i -> i > 0, i -> true);
    DtlsSettings quick = SETTINGS.withHandshakeTimeout(Duration.ofMillis(300));
    Session s = session(link, quick, clientFingerprint());
    CompletableFuture<Void> client =
        CompletableFuture.runAsync(
            () -> {
              try {
                s.connect(client(new int[] {GCM}));
              } catch (IOException expected) {
                // the link is closed below
              }
            });

    assertThat(s.listener.failed.get(5, TimeUnit.SECONDS))
        .contains("did not complete within 300 ms");
    assertThat(s.listener.events).containsExactly("failed");
    link.closeClient();
    client.get(5, TimeUnit.SECONDS);
  }

  @Test
  void timesOutWhenNoClientHelloEverArrives() throws Exception {
    DtlsSettings quick = SETTINGS.withHandshakeTimeout(Duration.ofMillis(200));
    Session s = session(MemoryDatagramLink.lossless(), quick, clientFingerprint());

    assertThat(s.listener.failed.get(5, TimeUnit.SECONDS))
        .contains("did not complete within 200 ms");
    assertThat(s.server.isConnected()).isFalse();
  }

  @Test
  void completesDespiteLosingEveryThirdDatagramInEachDirection() throws Exception {
    MemoryDatagramLink link = new MemoryDatagramLink(i -> i % 3 == 2, i -> i % 3 == 2);
    Session s = session(link, SETTINGS, clientFingerprint());
    TestDtlsClient client = client(new int[] {GCM, AES_CM});

    DTLSTransport clientDtls = s.connect(client);
    DtlsSrtpKeys keys = s.listener.connected.get(5, TimeUnit.SECONDS);

    assertThat(link.dropped()).isPositive();
    assertThat(keys.keyingMaterial()).isEqualTo(client.keyingMaterial());
    clientDtls.close();
  }

  @Test
  void reportsClosedWhenTheClientSendsCloseNotify() throws Exception {
    Session s = session(MemoryDatagramLink.lossless(), SETTINGS, clientFingerprint());
    DTLSTransport clientDtls = s.connect(client(new int[] {GCM}));
    s.listener.connected.get(5, TimeUnit.SECONDS);

    clientDtls.close();

    s.listener.closed.get(5, TimeUnit.SECONDS);
    assertThat(s.listener.events).containsExactly("connected", "closed");
    assertThat(s.server.isConnected()).isFalse();
  }

  @Test
  void closeSendsCloseNotifyAndReportsNothing() throws Exception {
    Session s = session(MemoryDatagramLink.lossless(), SETTINGS, clientFingerprint());
    TestDtlsClient client = client(new int[] {GCM});
    DTLSTransport clientDtls = s.connect(client);
    s.listener.connected.get(5, TimeUnit.SECONDS);

    s.server.close();
    s.server.close(); // idempotent
    byte[] buf = new byte[2048];
    try {
      for (int i = 0; i < 20 && !client.closeNotifyReceived(); i++) {
        clientDtls.receive(buf, 0, buf.length, 50);
      }
    } catch (IOException closedAfterCloseNotify) {
      // BC closes the client's transport once it has answered close_notify
    }

    assertThat(client.closeNotifyReceived()).isTrue();
    assertThat(s.listener.events).containsExactly("connected");
    long droppedBefore = s.server.droppedDatagrams(); // the client's own close_notify, maybe
    s.server.onPacket(new byte[] {23, 1, 2}, 0, 3);
    assertThat(s.server.droppedDatagrams()).isEqualTo(droppedBefore + 1);
  }

  @Test
  void closeDuringTheHandshakeStopsTheSessionWithoutCallback() throws Exception {
    Session s = session(MemoryDatagramLink.lossless(), SETTINGS, clientFingerprint());

    s.server.close();

    assertThat(liveSessionThreadsAfter(Duration.ofSeconds(2))).isZero();
    assertThat(s.listener.events).isEmpty();
  }

  @Test
  void classifiesFirstBytesAsRfc7983Does() {
    assertThat(DtlsServer.isDtlsRecord((byte) 19)).isFalse(); // ZRTP range ends at 19
    assertThat(DtlsServer.isDtlsRecord((byte) 20)).isTrue(); // change_cipher_spec
    assertThat(DtlsServer.isDtlsRecord((byte) 22)).isTrue(); // handshake
    assertThat(DtlsServer.isDtlsRecord((byte) 63)).isTrue();
    assertThat(DtlsServer.isDtlsRecord((byte) 64)).isFalse(); // TURN channel
    assertThat(DtlsServer.isDtlsRecord((byte) 0x80)).isFalse(); // RTP version 2
    assertThat(DtlsServer.isDtlsRecord((byte) 0)).isFalse(); // STUN
  }

  private Session session(
      MemoryDatagramLink link, DtlsSettings settings, CertificateFingerprint expected) {
    RecordingListener listener = new RecordingListener();
    DtlsServer server =
        DtlsServer.start(serverCertificate, expected, settings, link.serverSender(), listener);
    link.attach(server);
    servers.add(server);
    return new Session(server, link, listener, settings);
  }

  private static TestDtlsClient client(int[] profiles) {
    return new TestDtlsClient(clientCertificate, serverCertificate.fingerprint(), profiles, 50);
  }

  private static CertificateFingerprint clientFingerprint() {
    return CertificateFingerprint.parse(clientCertificate.fingerprint());
  }

  /**
   * The alert a failed client handshake received: BC reports it as {@link TlsFatalAlertReceived}
   * or, from the record layer, as a {@link TlsFatalAlert} carrying the received description.
   */
  private static short alertOf(Throwable e) {
    if (e instanceof TlsFatalAlertReceived r) {
      return r.getAlertDescription();
    }
    if (e instanceof TlsFatalAlert a) {
      return a.getAlertDescription();
    }
    throw new AssertionError("not an alert: " + e, e);
  }

  private static long liveSessionThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("dtls-") && t.isAlive())
        .count();
  }

  private static long liveSessionThreadsAfter(Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (liveSessionThreads() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return liveSessionThreads();
  }

  private record Session(
      DtlsServer server,
      MemoryDatagramLink link,
      RecordingListener listener,
      DtlsSettings settings) {
    DTLSTransport connect(TestDtlsClient client) throws IOException {
      return new DTLSClientProtocol().connect(client, link.clientTransport(settings.mtu()));
    }
  }

  private static final class RecordingListener implements DtlsServer.Listener {
    final CompletableFuture<DtlsSrtpKeys> connected = new CompletableFuture<>();
    final CompletableFuture<String> failed = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void onConnected(DtlsSrtpKeys keys) {
      events.add("connected");
      connected.complete(keys);
    }

    @Override
    public void onFailed(String reason, Throwable cause) {
      events.add("failed");
      failed.complete(reason);
    }

    @Override
    public void onClosed() {
      events.add("closed");
      closed.complete(null);
    }
  }
}
