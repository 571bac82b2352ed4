package io.camappliance.emulator.iot;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * The emulator's private certificate authority: it stands in for both Amazon Root CA 1 (which signs
 * the credentials endpoint's server certificate, §4 of the IoT reference) and AWS IoT's device CA
 * (which signs the certificates {@code CreateKeysAndCertificate} and {@code
 * CreateCertificateFromCsr} return). One CA per data directory, created on first use and kept in
 * {@code <iotDir>/ca/ca.pem} and {@code ca.key} (PKCS#8, 0600), so devices provisioned once keep
 * working across restarts.
 *
 * <p>The CA key is EC P-256, self-signed with basicConstraints CA:true. Device certificates carry
 * subject {@code CN=AWS IoT Certificate} and run until 2049-12-31T23:59:59Z, as the service's do;
 * server certificates carry the endpoint names as subjectAltName for hostname verification.
 */
public final class CertificateAuthority {
  /** What AWS IoT puts in its device certificates' subject and their fixed end of validity. */
  static final String DEVICE_SUBJECT = "CN=AWS IoT Certificate";

  static final Instant DEVICE_NOT_AFTER = Instant.parse("2049-12-31T23:59:59Z");
  private static final String CA_SUBJECT = "CN=Camera Appliance Emulator CA,O=camappliance";
  private static final Duration CA_VALIDITY = Duration.ofDays(3650);
  private static final Duration BACKDATE = Duration.ofDays(1); // tolerate small clock skew

  private final X509Certificate certificate;
  private final PrivateKey key;
  private final Path certificateFile;
  private final SecureRandom random = new SecureRandom();

  private CertificateAuthority(X509Certificate certificate, PrivateKey key, Path certificateFile) {
    this.certificate = certificate;
    this.key = key;
    this.certificateFile = certificateFile;
  }

  /** Loads the CA kept in {@code caDir}, creating it there first if there is none. */
  public static synchronized CertificateAuthority openOrCreate(Path caDir) throws IOException {
    Path certFile = caDir.resolve("ca.pem");
    Path keyFile = caDir.resolve("ca.key");
    if (Files.exists(certFile) && Files.exists(keyFile)) {
      X509Certificate cert = Pem.certificate(Files.readString(certFile, StandardCharsets.UTF_8));
      PrivateKey key = Pem.privateKey(Files.readString(keyFile, StandardCharsets.UTF_8));
      return new CertificateAuthority(cert, key, certFile);
    }
    KeyPair pair = generate(KeyType.EC);
    Instant now = Instant.now();
    X500Name subject = new X500Name(CA_SUBJECT);
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              subject,
              serial(new SecureRandom()),
              Date.from(now.minus(BACKDATE)),
              Date.from(now.plus(CA_VALIDITY)),
              subject,
              pair.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      b.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
      X509Certificate cert = sign(b, pair.getPrivate());
      AtomicFiles.writeSecret(keyFile, Pem.privateKey(pair.getPrivate(), KeyFormat.PKCS8));
      AtomicFiles.writeString(certFile, Pem.certificate(cert));
      return new CertificateAuthority(cert, pair.getPrivate(), certFile);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot create the emulator CA: " + e.getMessage(), e);
    }
  }

  /** The CA certificate: the trust anchor devices use as {@code ca-path}. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** Where the CA certificate is kept ({@code <iotDir>/ca/ca.pem}). */
  public Path certificateFile() {
    return certificateFile;
  }

  /** Generates a key pair of the given type and a client certificate for it. */
  public IssuedKey issueDevice(KeyType type) {
    KeyPair pair = generate(type);
    return new IssuedKey(pair, issueDevice(pair.getPublic()));
  }

  /**
   * Issues a client certificate for a device's own key, as {@code CreateCertificateFromCsr} does:
   * the request's signature must verify; its subject is ignored (the service's is fixed).
   */
  public X509Certificate issueDevice(PKCS10CertificationRequest csr) {
    try {
      JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(csr);
      PublicKey pub = jca.getPublicKey();
      if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(pub))) {
        throw new IllegalArgumentException("certificate request signature does not verify");
      }
      return issueDevice(pub);
    } catch (GeneralSecurityException | OperatorCreationException | PKCSException e) {
      throw new IllegalArgumentException("unusable certificate request: " + e.getMessage(), e);
    }
  }

  /**
   * Generates a key pair and a server certificate for the given host names and IP addresses
   * (subjectAltName dNSName / iPAddress), valid for {@code validity} from now.
   */
  public IssuedKey issueServer(List<String> hostNames, Duration validity) {
    KeyPair pair = generate(KeyType.EC);
    Instant now = Instant.now();
    List<GeneralName> names = new ArrayList<>();
    for (String h : hostNames) {
      names.add(
          isIpLiteral(h)
              ? new GeneralName(GeneralName.iPAddress, h)
              : new GeneralName(GeneralName.dNSName, h));
    }
    try {
      X509v3CertificateBuilder b =
          builder(
              new X500Name("CN=" + hostNames.get(0)), now, now.plus(validity), pair.getPublic());
      b.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(names.toArray(GeneralName[]::new)));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      b.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      return new IssuedKey(pair, sign(b, key));
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot issue the server certificate: " + e.getMessage(), e);
    }
  }

  private X509Certificate issueDevice(PublicKey pub) {
    try {
      X509v3CertificateBuilder b =
          builder(new X500Name(DEVICE_SUBJECT), Instant.now(), DEVICE_NOT_AFTER, pub);
      int usage = KeyUsage.digitalSignature;
      if ("RSA".equals(pub.getAlgorithm())) {
        usage |= KeyUsage.keyEncipherment;
      }
      b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
      b.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
      return sign(b, key);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot issue a device certificate: " + e.getMessage(), e);
    }
  }

  private X509v3CertificateBuilder builder(
      X500Name subject, Instant notBefore, Instant notAfter, PublicKey pub)
      throws GeneralSecurityException, CertIOException {
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            certificate,
            serial(random),
            Date.from(notBefore.minus(BACKDATE)),
            Date.from(notAfter),
            subject,
            pub);
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(
        Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
    b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pub));
    return b;
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer)
      throws GeneralSecurityException {
    String alg = "RSA".equals(signer.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
    try {
      ContentSigner s = new JcaContentSignerBuilder(alg).build(signer);
      return new JcaX509CertificateConverter().getCertificate(b.build(s));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  /** A positive serial of at most 20 octets (RFC 5280 §4.1.2.2). */
  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(159, random).add(BigInteger.ONE);
  }

  static KeyPair generate(KeyType type) {
    try {
      if (type == KeyType.RSA) {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
      }
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + type + " key generation", e);
    }
  }

  private static boolean isIpLiteral(String host) {
    if (host.contains(":")) {
      return true;
    }
    if (!host.matches("[0-9.]+")) {
      return false;
    }
    try {
      InetAddress.getByName(host);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
