package io.camappliance.kvs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** PutMedia over TLS: SNI names the endpoint's host and the certificate must match it. */
@Timeout(20)
class PutMediaTlsTest {
  private static final char[] PASSWORD = "test".toCharArray();

  private final RecordingListener listener = new RecordingListener();

  /**
   * A server context with a self-signed certificate for {@code dnsName}, and a client trusting it.
   */
  private static SSLContext[] contexts(String dnsName) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    KeyPair kp = g.generateKeyPair();
    X500Name name = new X500Name("CN=" + dnsName);
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minusSeconds(60)),
            Date.from(now.plusSeconds(3600)),
            name,
            kp.getPublic());
    b.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
    X509Certificate cert =
        new JcaX509CertificateConverter()
            .getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("server", kp.getPrivate(), PASSWORD, new X509Certificate[] {cert});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD);
    SSLContext server = SSLContext.getInstance("TLS");
    server.init(kmf.getKeyManagers(), null, null);

    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", cert);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext client = SSLContext.getInstance("TLS");
    client.init(null, tmf.getTrustManagers(), null);
    return new SSLContext[] {server, client};
  }

  private PutMediaConnection open(int port, SSLContext client) throws PutMediaException {
    return PutMediaConnection.open(
        new PutMediaRequest(
            URI.create("https://localhost:" + port), "us-west-2", "cam", Instant.now()),
        () -> AwsCredentialsIdentity.create("AKID", "secret"),
        listener,
        Clock.systemUTC(),
        client.getSocketFactory());
  }

  @Test
  void sendsTheHostAsSniAndReadsAcksOverTls() throws Exception {
    SSLContext[] c = contexts("localhost");
    try (ScriptedServer s =
            new ScriptedServer(
                c[0].getServerSocketFactory(),
                (in, out) ->
                    ScriptedServer.send(
                        out,
                        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + "15\r\n{\"EventType\":\"IDLE\"}\n\r\n0\r\n\r\n"));
        PutMediaConnection conn = open(s.port(), c[1])) {
      assertThat(listener.awaitDone(Duration.ofSeconds(10))).isTrue();
      assertThat(s.sniHost.get()).isEqualTo("localhost");
      assertThat(s.awaitHead()).contains("Host: localhost:" + s.port() + "\r\n");
      assertThat(listener.acks()).containsExactly(new Ack(AckEventType.IDLE, "", 0, 0));
      assertThat(listener.ends).hasValue(1);
    }
  }

  @Test
  void refusesACertificateForAnotherHost() throws Exception {
    SSLContext[] c = contexts("other.example");
    try (ScriptedServer s = new ScriptedServer(c[0].getServerSocketFactory(), (in, out) -> {})) {
      assertThatThrownBy(() -> open(s.port(), c[1]))
          .isInstanceOfSatisfying(
              PutMediaException.class,
              e -> {
                assertThat(e.errorType()).isEqualTo(PutMediaException.CONNECTION_LOST);
                assertThat(e.getMessage()).contains("localhost");
              });
    }
    assertThat(listener.failures).hasValue(0);
  }
}
