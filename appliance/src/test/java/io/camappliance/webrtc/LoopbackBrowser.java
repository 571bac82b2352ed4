package io.camappliance.webrtc;

import io.camappliance.ice.StunClass;
import io.camappliance.ice.StunMessage;
import io.camappliance.srtp.SrtpContext;
import io.camappliance.srtp.SrtpKeyingMaterial;
import io.camappliance.srtp.SrtpProfile;
import java.io.IOException;
import java.math.BigInteger;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.Hashtable;
import java.util.HexFormat;
import java.util.Locale;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.UDPTransport;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * What a browser does for a WHEP session, in Java on loopback: one STUN check with USE-CANDIDATE
 * (RFC 8445 §7.2.5), a DTLS 1.2 handshake as client offering {@code use_srtp} with
 * AES128_CM_HMAC_SHA1_80 (RFC 5764), then SRTP in and SRTCP feedback out on the same socket.
 */
final class LoopbackBrowser implements AutoCloseable {
  private final DatagramSocket socket;
  private final byte[] certificateDer;
  private final AsymmetricKeyParameter privateKey;
  private DTLSTransport dtls;
  private SrtpContext receiving;
  private SrtpContext sending;

  LoopbackBrowser() throws Exception {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    socket.setSoTimeout(5_000);
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = g.generateKeyPair();
    X500Name name = new X500Name("CN=browser");
    long now = System.currentTimeMillis();
    certificateDer =
        new JcaX509v3CertificateBuilder(
                name,
                BigInteger.ONE,
                new Date(now - 86_400_000L),
                new Date(now + 86_400_000L),
                name,
                pair.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()))
            .getEncoded();
    privateKey = PrivateKeyFactory.createKey(pair.getPrivate().getEncoded());
  }

  /** {@code a=fingerprint} value of this browser's certificate. */
  String fingerprint() throws Exception {
    return "sha-256 " + colonHex(MessageDigest.getInstance("SHA-256").digest(certificateDer));
  }

  private static String colonHex(byte[] digest) {
    return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
  }

  /** Sends a nominating check and waits for the success response. */
  void check(int port, String username, String password) throws Exception {
    InetSocketAddress agent = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    socket.connect(agent);
    byte[] tx = new byte[StunMessage.TRANSACTION_ID_LENGTH];
    tx[11] = 7;
    byte[] request =
        StunMessage.builder(StunClass.REQUEST, StunMessage.BINDING, tx)
            .username(username)
            .priority(1853824767L)
            .iceControlling(0x0102030405060708L)
            .useCandidate()
            .messageIntegrity(password.getBytes(StandardCharsets.UTF_8))
            .fingerprint()
            .toBytes();
    socket.send(new DatagramPacket(request, request.length));
    byte[] buf = new byte[1500];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    socket.receive(p);
    StunMessage response = StunMessage.parse(buf, 0, p.getLength());
    if (response.messageClass() != StunClass.SUCCESS_RESPONSE) {
      throw new IOException("STUN check answered with " + response.errorCode());
    }
  }

  /** The DTLS handshake; afterwards SRTP keys are ready. */
  void handshake(String serverFingerprint) throws IOException {
    Client client = new Client(serverFingerprint);
    dtls = new DTLSClientProtocol().connect(client, new UDPTransport(socket, 1500));
    SrtpKeyingMaterial keys =
        SrtpKeyingMaterial.split(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80, client.keyingMaterial);
    receiving = keys.receivingContext(true);
    sending = keys.sendingContext(true);
  }

  /**
   * The next SRTP packet as it came off the wire (DTLS and RTCP skipped), or null after 5 s. The
   * plain packet is {@link #unprotect}ed separately, so that a copy of the wire bytes can be kept.
   */
  byte[] nextSrtp() throws IOException {
    byte[] buf = new byte[1500];
    while (true) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
      } catch (java.net.SocketTimeoutException e) {
        return null;
      }
      int pt = buf[1] & 0xFF;
      if ((buf[0] & 0xC0) == 0x80 && (pt < 192 || pt > 223)) {
        return java.util.Arrays.copyOf(buf, p.getLength());
      }
    }
  }

  /** Unprotects a copy of an SRTP packet: the RTP packet, or null when it fails. */
  byte[] unprotect(byte[] srtp) {
    byte[] copy = srtp.clone();
    int n = receiving.unprotectRtp(copy, copy.length);
    return n < 0 ? null : java.util.Arrays.copyOf(copy, n);
  }

  /** Sends an RTCP packet protected as SRTCP. */
  void sendRtcp(byte[] rtcp) throws IOException {
    byte[] buf = java.util.Arrays.copyOf(rtcp, rtcp.length + 64);
    int n = sending.protectRtcp(buf, rtcp.length);
    socket.send(new DatagramPacket(buf, n));
  }

  /** Ends the association with close_notify, as a browser closing the peer connection does. */
  void closeDtls() throws IOException {
    dtls.close();
  }

  @Override
  public void close() {
    socket.close();
  }

  private final class Client extends DefaultTlsClient {
    private final String expected;
    private byte[] keyingMaterial;

    Client(String serverFingerprint) {
      super(new BcTlsCrypto());
      this.expected = serverFingerprint;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
      return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
      return new int[] {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256};
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getClientExtensions() throws IOException {
      Hashtable extensions =
          TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
      TlsSRTPUtils.addUseSRTPExtension(
          extensions, new UseSRTPData(new int[] {0x0001}, new byte[0]));
      return extensions;
    }

    @Override
    public TlsAuthentication getAuthentication() {
      return new TlsAuthentication() {
        @Override
        public void notifyServerCertificate(TlsServerCertificate server) throws IOException {
          byte[] der = server.getCertificate().getCertificateAt(0).getEncoded();
          try {
            String actual = "sha-256 " + colonHex(MessageDigest.getInstance("SHA-256").digest(der));
            if (!actual.equals(expected.toUpperCase(Locale.ROOT).replace("SHA-256", "sha-256"))) {
              throw new TlsFatalAlert(AlertDescription.bad_certificate);
            }
          } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException(e);
          }
        }

        @Override
        public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
          TlsCertificate cert = getCrypto().createCertificate(certificateDer);
          return new BcDefaultTlsCredentialedSigner(
              new TlsCryptoParameters(context),
              (BcTlsCrypto) getCrypto(),
              privateKey,
              new Certificate(new TlsCertificate[] {cert}),
              SignatureAndHashAlgorithm.getInstance(
                  HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
        }
      };
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
      super.notifyHandshakeComplete();
      keyingMaterial =
          context.exportKeyingMaterial(
              ExporterLabel.dtls_srtp,
              null,
              SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80.keyingMaterialLength());
    }
  }
}
