package io.camappliance.dtls;

import java.io.IOException;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebRTC policy for Bouncy Castle's DTLS server handshake (RFC 8827 §6.5, RFC 8842, RFC 5764):
 *
 * <ul>
 *   <li>DTLS 1.2 only; ECDHE-ECDSA with AES-128-GCM or ChaCha20-Poly1305 (what browsers offer for
 *       an ECDSA certificate; both AEAD, both with forward secrecy).
 *   <li>The client must offer {@code use_srtp}; we pick the first of {@link SrtpProtectionProfile}
 *       (our preference order) that it lists, and answer with that one profile and no MKI (RFC 5764
 *       §4.1.1). No common profile fails the handshake: media cannot flow without one.
 *   <li>The client must present a certificate whose fingerprint is the one its SDP offer announced;
 *       anything else fails with {@code bad_certificate}. Its CertificateVerify, checked by BC,
 *       proves it holds the key.
 *   <li>When the handshake completes, the SRTP keying material is exported (RFC 5764 §4.2) before
 *       BC clears the master secret.
 * </ul>
 *
 * Rejections record a human-readable reason, read by {@link DtlsServer} for its failure callback.
 */
final class WebRtcTlsServer extends DefaultTlsServer {
  private static final Logger log = LoggerFactory.getLogger(WebRtcTlsServer.class);

  private static final int[] CIPHER_SUITES = {
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
  };

  private final DtlsCertificate certificate;
  private final CertificateFingerprint expectedClientFingerprint;
  private final DtlsSettings settings;

  private volatile String rejection;
  private volatile SrtpProtectionProfile profile;
  private volatile DtlsSrtpKeys keys;
  private volatile boolean closeNotifyReceived;
  private volatile short fatalAlertReceived = -1;

  WebRtcTlsServer(
      BcTlsCrypto crypto,
      DtlsCertificate certificate,
      CertificateFingerprint expectedClientFingerprint,
      DtlsSettings settings) {
    super(crypto);
    this.certificate = certificate;
    this.expectedClientFingerprint = expectedClientFingerprint;
    this.settings = settings;
  }

  /** Why this side refused the handshake, or {@code null}. */
  String rejection() {
    return rejection;
  }

  /** The keys exported at the end of the handshake, or {@code null} before. */
  DtlsSrtpKeys keys() {
    return keys;
  }

  /** Drops this object's reference to the keys, once they were handed over. */
  void forgetKeys() {
    keys = null;
  }

  boolean closeNotifyReceived() {
    return closeNotifyReceived;
  }

  /** The description of a fatal alert the client sent, or -1. */
  short fatalAlertReceived() {
    return fatalAlertReceived;
  }

  @Override
  protected ProtocolVersion[] getSupportedVersions() {
    return ProtocolVersion.DTLSv12.only();
  }

  @Override
  protected int[] getSupportedCipherSuites() {
    return TlsUtils.getSupportedCipherSuites(getCrypto(), CIPHER_SUITES);
  }

  @Override
  public int getHandshakeTimeoutMillis() {
    return (int) settings.handshakeTimeout().toMillis();
  }

  @Override
  public int getHandshakeResendTimeMillis() {
    return (int) settings.retransmitTimeout().toMillis();
  }

  @Override
  @SuppressWarnings("rawtypes") // BC's API
  public void processClientExtensions(Hashtable clientExtensions) throws IOException {
    super.processClientExtensions(clientExtensions);
    UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
    if (offered == null) {
      throw reject(
          AlertDescription.handshake_failure,
          "the client offered no use_srtp extension (RFC 5764 §4.1.1); WebRTC media needs"
              + " DTLS-SRTP");
    }
    int[] offeredIds = offered.getProtectionProfiles();
    for (SrtpProtectionProfile candidate : SrtpProtectionProfile.values()) {
      if (Arrays.stream(offeredIds).anyMatch(id -> id == candidate.id())) {
        profile = candidate;
        return;
      }
    }
    throw reject(
        AlertDescription.handshake_failure,
        "no common SRTP protection profile: the client offered "
            + hexIds(offeredIds)
            + ", this server supports "
            + Arrays.toString(SrtpProtectionProfile.values())
            + " "
            + hexIds(
                Arrays.stream(SrtpProtectionProfile.values())
                    .mapToInt(SrtpProtectionProfile::id)
                    .toArray()));
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"}) // BC's API
  public Hashtable getServerExtensions() throws IOException {
    Hashtable extensions = super.getServerExtensions();
    TlsSRTPUtils.addUseSRTPExtension(
        extensions, new UseSRTPData(new int[] {profile.id()}, TlsUtils.EMPTY_BYTES));
    return extensions;
  }

  @Override
  public CertificateRequest getCertificateRequest() {
    short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
    Vector<?> signatureAlgorithms = TlsUtils.getDefaultSupportedSignatureAlgorithms(context);
    return new CertificateRequest(types, signatureAlgorithms, null);
  }

  @Override
  public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
    if (clientCertificate == null || clientCertificate.isEmpty()) {
      throw reject(
          AlertDescription.handshake_failure,
          "the client sent no certificate; WebRTC requires one matching the SDP fingerprint "
              + expectedClientFingerprint);
    }
    byte[] der = clientCertificate.getCertificateAt(0).getEncoded();
    if (!expectedClientFingerprint.matches(der)) {
      throw reject(
          AlertDescription.bad_certificate,
          "the client certificate's fingerprint "
              + CertificateFingerprint.of(expectedClientFingerprint.hashFunction(), der)
              + " is not the one in the SDP offer, "
              + expectedClientFingerprint);
    }
  }

  @Override
  protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
    TlsCertificate tlsCertificate = getCrypto().createCertificate(certificate.certificateDer());
    SignatureAndHashAlgorithm algorithm =
        TlsUtils.chooseSignatureAndHashAlgorithm(
            context,
            context.getSecurityParametersHandshake().getClientSigAlgs(),
            SignatureAlgorithm.ecdsa);
    return new BcDefaultTlsCredentialedSigner(
        new TlsCryptoParameters(context),
        (BcTlsCrypto) getCrypto(),
        certificate.privateKeyParameter(),
        new Certificate(new TlsCertificate[] {tlsCertificate}),
        algorithm);
  }

  @Override
  public void notifyHandshakeComplete() throws IOException {
    super.notifyHandshakeComplete();
    byte[] material =
        context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, profile.keyingMaterialLength());
    keys = new DtlsSrtpKeys(profile, material);
  }

  @Override
  public void notifyAlertReceived(short alertLevel, short alertDescription) {
    if (alertDescription == AlertDescription.close_notify) {
      closeNotifyReceived = true;
    } else if (alertLevel == AlertLevel.fatal) {
      fatalAlertReceived = alertDescription;
    }
    log.debug(
        "DTLS alert received: {} {}",
        AlertLevel.getText(alertLevel),
        AlertDescription.getText(alertDescription));
  }

  @Override
  public void notifyAlertRaised(
      short alertLevel, short alertDescription, String message, Throwable cause) {
    log.debug(
        "DTLS alert sent: {} {}{}",
        AlertLevel.getText(alertLevel),
        AlertDescription.getText(alertDescription),
        message == null ? "" : " (" + message + ")");
  }

  private TlsFatalAlert reject(short alert, String reason) {
    rejection = reason;
    return new TlsFatalAlert(alert, reason);
  }

  private static String hexIds(int[] ids) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < ids.length; i++) {
      b.append(i == 0 ? "" : ", ").append(String.format("0x%04X", ids[i]));
    }
    return b.append(']').toString();
  }
}
