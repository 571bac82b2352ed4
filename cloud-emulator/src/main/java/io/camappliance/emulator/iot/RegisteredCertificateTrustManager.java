package io.camappliance.emulator.iot;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts a TLS client only when its certificate chains to the emulator's CA (PKIX, including the
 * clientAuth extended key usage) and is registered and ACTIVE in the IoT registry. Anything else
 * fails the handshake, as §1.3 of the IoT reference has the credentials endpoint do for unknown and
 * inactive certificates.
 */
final class RegisteredCertificateTrustManager extends X509ExtendedTrustManager {
  private final X509ExtendedTrustManager pkix;
  private final X509Certificate ca;
  private final IotRegistry registry;

  RegisteredCertificateTrustManager(X509Certificate ca, IotRegistry registry) {
    this.ca = ca;
    this.registry = registry;
    try {
      KeyStore anchors = KeyStore.getInstance("PKCS12");
      anchors.load(null, null);
      anchors.setCertificateEntry("emulator-ca", ca);
      TrustManagerFactory f = TrustManagerFactory.getInstance("PKIX");
      f.init(anchors);
      X509ExtendedTrustManager found = null;
      for (TrustManager t : f.getTrustManagers()) {
        if (t instanceof X509ExtendedTrustManager x) {
          found = x;
        }
      }
      if (found == null) {
        throw new IllegalStateException("the JDK offers no X509ExtendedTrustManager for PKIX");
      }
      this.pkix = found;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot build the client certificate trust manager", e);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    pkix.checkClientTrusted(chain, authType, socket);
    checkRegistered(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    pkix.checkClientTrusted(chain, authType, engine);
    checkRegistered(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    pkix.checkClientTrusted(chain, authType);
    checkRegistered(chain);
  }

  private void checkRegistered(X509Certificate[] chain) throws CertificateException {
    String id = IotRegistry.certificateId(chain[0]);
    RegisteredCertificate c =
        registry
            .certificate(id)
            .orElseThrow(
                () -> new CertificateException("certificate " + id + " is not registered"));
    if (c.status() != CertificateStatus.ACTIVE) {
      throw new CertificateException("certificate " + id + " is " + c.status());
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("this trust manager only checks clients");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("this trust manager only checks clients");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("this trust manager only checks clients");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[] {ca};
  }
}
