package io.camappliance.dtls;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * A browser stand-in: a DTLS 1.2 client that offers {@code use_srtp} with the given profiles,
 * presents its own self-signed certificate, checks the server's against the fingerprint from the
 * SDP answer and exports the DTLS-SRTP keying material as RFC 5764 §4.2 says.
 */
final class TestDtlsClient extends DefaultTlsClient {
  private final DtlsCertificate ownCertificate;
  private final CertificateFingerprint expectedServerFingerprint;
  private final int[] srtpProfiles;
  private final int resendMillis;

  private volatile int selectedProfile = -1;
  private volatile byte[] keyingMaterial;
  private volatile boolean closeNotifyReceived;

  /**
   * @param srtpProfiles the {@code use_srtp} profile ids to offer, or {@code null} to omit the
   *     extension
   */
  TestDtlsClient(
      DtlsCertificate ownCertificate,
      String expectedServerFingerprint,
      int[] srtpProfiles,
      int resendMillis) {
    super(new BcTlsCrypto());
    this.ownCertificate = ownCertificate;
    this.expectedServerFingerprint = CertificateFingerprint.parse(expectedServerFingerprint);
    this.srtpProfiles = srtpProfiles;
    this.resendMillis = resendMillis;
  }

  int selectedProfile() {
    return selectedProfile;
  }

  byte[] keyingMaterial() {
    return keyingMaterial;
  }

  boolean closeNotifyReceived() {
    return closeNotifyReceived;
  }

  @Override
  protected ProtocolVersion[] getSupportedVersions() {
    return ProtocolVersion.DTLSv12.only();
  }

  @Override
  protected int[] getSupportedCipherSuites() {
    return new int[] {
      CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
      CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256
    };
  }

  @Override
  public int getHandshakeResendTimeMillis() {
    return resendMillis;
  }

  @Override
  public int getHandshakeTimeoutMillis() {
    return 5_000;
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public Hashtable getClientExtensions() throws IOException {
    Hashtable extensions =
        TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
    if (srtpProfiles != null) {
      TlsSRTPUtils.addUseSRTPExtension(
          extensions, new UseSRTPData(srtpProfiles, TlsUtils.EMPTY_BYTES));
    }
    return extensions;
  }

  @Override
  @SuppressWarnings("rawtypes")
  public void processServerExtensions(Hashtable serverExtensions) throws IOException {
    super.processServerExtensions(serverExtensions);
    UseSRTPData answer = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
    if (answer == null || answer.getProtectionProfiles().length != 1) {
      throw new TlsFatalAlert(AlertDescription.illegal_parameter, "server must pick one profile");
    }
    selectedProfile = answer.getProtectionProfiles()[0];
  }

  @Override
  public TlsAuthentication getAuthentication() {
    return new TlsAuthentication() {
      @Override
      public void notifyServerCertificate(TlsServerCertificate serverCertificate)
          throws IOException {
        byte[] der = serverCertificate.getCertificate().getCertificateAt(0).getEncoded();
        if (!expectedServerFingerprint.matches(der)) {
          throw new TlsFatalAlert(AlertDescription.bad_certificate, "server fingerprint");
        }
      }

      @Override
      public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
        TlsCertificate cert = getCrypto().createCertificate(ownCertificate.certificateDer());
        return new BcDefaultTlsCredentialedSigner(
            new TlsCryptoParameters(context),
            (BcTlsCrypto) getCrypto(),
            ownCertificate.privateKeyParameter(),
            new Certificate(new TlsCertificate[] {cert}),
            SignatureAndHashAlgorithm.getInstance(
                org.bouncycastle.tls.HashAlgorithm.sha256,
                org.bouncycastle.tls.SignatureAlgorithm.ecdsa));
      }
    };
  }

  @Override
  public void notifyHandshakeComplete() throws IOException {
    super.notifyHandshakeComplete();
    SrtpProtectionProfile profile = SrtpProtectionProfile.byId(selectedProfile);
    keyingMaterial =
        context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, profile.keyingMaterialLength());
  }

  @Override
  public void notifyAlertReceived(short alertLevel, short alertDescription) {
    if (alertDescription == AlertDescription.close_notify) {
      closeNotifyReceived = true;
    }
  }
}
