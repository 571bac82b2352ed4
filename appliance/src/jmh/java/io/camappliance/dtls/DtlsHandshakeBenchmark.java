package io.camappliance.dtls;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One complete DTLS-SRTP handshake per operation, server and a Bouncy Castle client in one process
 * over the in-memory link with no loss: session thread start, ECDHE (P-256 or X25519, as BC
 * negotiates), ECDSA signatures and verifications on both sides, keying material export, and
 * close. On a Pi the server's share is roughly half of the time measured here, since the client
 * side does the same work on the same machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DtlsHandshakeBenchmark {
  private DtlsCertificate serverCertificate;
  private DtlsCertificate clientCertificate;
  private CertificateFingerprint clientFingerprint;

  @Setup
  public void certificates() {
    serverCertificate = DtlsCertificate.generate(Clock.systemUTC());
    clientCertificate = DtlsCertificate.generate(Clock.systemUTC());
    clientFingerprint = CertificateFingerprint.parse(clientCertificate.fingerprint());
  }

  @Benchmark
  public DtlsSrtpKeys handshake() throws Exception {
    MemoryDatagramLink link = MemoryDatagramLink.lossless();
    CompletableFuture<DtlsSrtpKeys> keys = new CompletableFuture<>();
    DtlsServer server =
        DtlsServer.start(
            serverCertificate,
            clientFingerprint,
            DtlsSettings.defaults(),
            link.serverSender(),
            new DtlsServer.Listener() {
              @Override
              public void onConnected(DtlsSrtpKeys k) {
                keys.complete(k);
              }

              @Override
              public void onFailed(String reason, Throwable cause) {
                keys.completeExceptionally(new IllegalStateException(reason, cause));
              }

              @Override
              public void onClosed() {}
            });
    link.attach(server);
    TestDtlsClient client =
        new TestDtlsClient(
            clientCertificate,
            serverCertificate.fingerprint(),
            new int[] {SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM},
            1000);
    DTLSTransport dtls =
        new DTLSClientProtocol().connect(client, link.clientTransport(DtlsSettings.defaults().mtu()));
    DtlsSrtpKeys result = keys.get(5, TimeUnit.SECONDS);
    dtls.close();
    server.close();
    return result;
  }
}
