package io.camappliance.credentials;

import static io.camappliance.credentials.CredentialsException.Kind.IDENTITY;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The device's X.509 identity for mutual TLS with AWS IoT: its certificate (with any intermediates
 * in the same file), its private key (RSA or EC; PKCS#8, PKCS#1 or SEC1 PEM) and the CA bundle that
 * authenticates the endpoint (IoT reference §1.1, §4).
 *
 * <p>Loading proves that the key belongs to the certificate by signing a random challenge and
 * verifying it with the certificate's public key; a mismatched pair otherwise surfaces only as an
 * obscure handshake failure.
 */
public final class DeviceIdentity {
  private static final char[] NO_PASSWORD = new char[0];

  private final X509Certificate certificate;
  private final List<X509Certificate> chain;
  private final PrivateKey privateKey;
  private final List<X509Certificate> trustAnchors;
  private final Path certificateFile;

  private DeviceIdentity(
      List<X509Certificate> chain,
      PrivateKey privateKey,
      List<X509Certificate> trustAnchors,
      Path certificateFile) {
    this.certificate = chain.get(0);
    this.chain = List.copyOf(chain);
    this.privateKey = privateKey;
    this.trustAnchors = List.copyOf(trustAnchors);
    this.certificateFile = certificateFile;
  }

  /**
   * Loads and checks the three files (kvssink's {@code cert-path}, {@code key-path}, {@code
   * ca-path}).
   *
   * @throws CredentialsException of kind {@code IDENTITY} naming the file and what is wrong
   */
  public static DeviceIdentity load(Path certificateFile, Path privateKeyFile, Path caFile)
      throws CredentialsException {
    List<X509Certificate> chain = PemFiles.certificates(certificateFile, "device certificate");
    PrivateKey key = PemFiles.privateKey(privateKeyFile, "private key");
    List<X509Certificate> cas = PemFiles.certificates(caFile, "CA bundle");
    if (!matches(key, chain.get(0).getPublicKey())) {
      throw new CredentialsException(
          IDENTITY,
          "the private key in "
              + privateKeyFile
              + " does not match the certificate in "
              + certificateFile
              + "; install the key that was generated with this certificate");
    }
    return new DeviceIdentity(chain, key, cas, certificateFile);
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** The end of the certificate's validity ({@code notAfter}). */
  public Instant notAfter() {
    return certificate.getNotAfter().toInstant();
  }

  /** Time left until the certificate expires at {@code now}; negative once expired. */
  public Duration timeToExpiry(Instant now) {
    return Duration.between(now, notAfter());
  }

  /**
   * Describes the certificate's validity at {@code now} for logs and status pages: "valid until
   * ...", "expired on ..." or "not valid before ..." (a clock far in the past, §5).
   */
  public String validityAt(Instant now) {
    Instant notBefore = certificate.getNotBefore().toInstant();
    if (now.isBefore(notBefore)) {
      return "the certificate in "
          + certificateFile
          + " is not valid before "
          + notBefore
          + " (the clock says "
          + now
          + "; is NTP synchronized?)";
    }
    if (now.isAfter(notAfter())) {
      return "the certificate in "
          + certificateFile
          + " expired on "
          + notAfter()
          + "; rotate the device certificate";
    }
    return "the certificate in " + certificateFile + " is valid until " + notAfter();
  }

  /**
   * An SSLContext presenting this identity and trusting only the CA bundle. Protocol versions are
   * pinned by the client's SSLParameters (TLS 1.2+).
   */
  public SSLContext sslContext() throws CredentialsException {
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("device", privateKey, NO_PASSWORD, chain.toArray(new X509Certificate[0]));
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, NO_PASSWORD);
      KeyStore roots = KeyStore.getInstance("PKCS12");
      roots.load(null, null);
      for (int i = 0; i < trustAnchors.size(); i++) {
        roots.setCertificateEntry("ca-" + i, trustAnchors.get(i));
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(roots);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
      return ctx;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new CredentialsException(
          IDENTITY, "cannot build TLS keys from " + certificateFile + ": " + e.getMessage(), e);
    }
  }

  private static boolean matches(PrivateKey key, PublicKey certificateKey) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC", "ECDSA" -> "SHA256withECDSA";
          default -> null;
        };
    if (algorithm == null) {
      return false;
    }
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificateKey);
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false; // an RSA key with an EC certificate, or the other way round
    }
  }
}
