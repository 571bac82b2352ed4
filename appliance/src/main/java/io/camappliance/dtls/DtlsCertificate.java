package io.camappliance.dtls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's DTLS identity for WebRTC: an ECDSA P-256 key and a self-signed certificate (RFC 8827
 * §6.5: WebRTC endpoints authenticate each other by the certificate fingerprint exchanged in SDP,
 * RFC 8122, not by a CA chain).
 *
 * <p>The certificate has subject and issuer {@code CN=camera}, a random positive 63-bit serial, and
 * a validity from one day before generation (a Pi has no RTC and may boot with a clock a little
 * behind) to {@value #VALIDITY_DAYS} days after. Browsers do not check DTLS certificate validity,
 * but BC and other peers may, and a bounded life rotates the key. It is regenerated on load when
 * fewer than {@value #RENEW_DAYS} days remain.
 *
 * <p>Stored in one directory as {@value #CERTIFICATE_FILE} (PEM certificate) and {@value #KEY_FILE}
 * (PEM PKCS#8 {@code PRIVATE KEY}, mode 0600). Keeping it avoids a key generation per boot and
 * keeps the fingerprint stable across restarts, which makes sessions in logs comparable. Files are
 * written to a temporary name and moved into place, key first; a crash in between leaves a key that
 * does not match the certificate, which the next load detects and repairs.
 *
 * <p>Immutable and safe to share between sessions.
 */
public final class DtlsCertificate {
  static final String CERTIFICATE_FILE = "dtls-certificate.pem";
  static final String KEY_FILE = "dtls-key.pem";
  static final long VALIDITY_DAYS = 365;
  static final long RENEW_DAYS = 30;

  private static final Logger log = LoggerFactory.getLogger(DtlsCertificate.class);
  private static final String SUBJECT = "CN=camera";
  private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
  private static final long MAX_FILE_BYTES = 64 * 1024; // a P-256 certificate is under 1 KiB
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] certificateDer;
  private final PrivateKeyInfo privateKey;
  private final Instant notAfter;
  private final String fingerprint;

  private DtlsCertificate(byte[] certificateDer, PrivateKeyInfo privateKey, Instant notAfter) {
    this.certificateDer = certificateDer;
    this.privateKey = privateKey;
    this.notAfter = notAfter;
    this.fingerprint = CertificateFingerprint.of("sha-256", certificateDer).toString();
  }

  /**
   * Loads the certificate and key kept in {@code directory}, or generates and stores new ones when
   * they are missing, unreadable, do not belong together or expire within {@value #RENEW_DAYS} days
   * (the reason is logged).
   *
   * @throws IOException when the directory cannot be created or written
   */
  public static DtlsCertificate loadOrCreate(Path directory, Clock clock) throws IOException {
    Path certFile = directory.resolve(CERTIFICATE_FILE);
    Path keyFile = directory.resolve(KEY_FILE);
    Instant now = clock.instant();
    String reason;
    try {
      DtlsCertificate loaded = load(certFile, keyFile);
      Instant renewAt = loaded.notAfter.minus(Duration.ofDays(RENEW_DAYS));
      if (now.isBefore(renewAt)) {
        restrictToOwner(keyFile);
        log.debug("DTLS certificate {} loaded from {}", loaded.fingerprint, directory);
        return loaded;
      }
      reason = "it expires at " + loaded.notAfter + ", less than " + RENEW_DAYS + " days away";
    } catch (NoSuchFileException e) {
      reason = e.getFile() + " is missing";
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      reason = "the stored one is unusable: " + e.getMessage();
    }
    DtlsCertificate fresh = generate(clock);
    Files.createDirectories(directory);
    writeAtomically(keyFile, fresh.privateKeyPem(), true);
    writeAtomically(certFile, fresh.certificatePem(), false);
    log.info(
        "generated DTLS certificate {} in {} because {}", fresh.fingerprint, directory, reason);
    return fresh;
  }

  /** A new key and certificate kept only in memory. */
  public static DtlsCertificate generate(Clock clock) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      KeyPair pair = generator.generateKeyPair();
      Instant notBefore = clock.instant().minus(Duration.ofDays(1));
      Instant notAfter = clock.instant().plus(Duration.ofDays(VALIDITY_DAYS));
      X500Name name = new X500Name(SUBJECT);
      BigInteger serial = new BigInteger(63, RANDOM).add(BigInteger.ONE);
      X509CertificateHolder holder =
          new JcaX509v3CertificateBuilder(
                  name, serial, Date.from(notBefore), Date.from(notAfter), name, pair.getPublic())
              .build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(pair.getPrivate()));
      return new DtlsCertificate(
          holder.getEncoded(),
          PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded()),
          holder.getNotAfter().toInstant());
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot generate an ECDSA P-256 certificate", e);
    }
  }

  /** The SDP {@code a=fingerprint} value of the certificate: {@code "sha-256 AB:CD:…"}. */
  public String fingerprint() {
    return fingerprint;
  }

  /** The end of the certificate's validity. */
  public Instant notAfter() {
    return notAfter;
  }

  /** The DER encoding of the certificate (a copy). */
  byte[] certificateDer() {
    return certificateDer.clone();
  }

  /** The private key for Bouncy Castle's lightweight TLS crypto. */
  AsymmetricKeyParameter privateKeyParameter() {
    try {
      return PrivateKeyFactory.createKey(privateKey);
    } catch (IOException e) {
      throw new IllegalStateException("the key was checked when loaded or generated", e);
    }
  }

  @Override
  public String toString() {
    return "DtlsCertificate[" + fingerprint + ", notAfter=" + notAfter + "]";
  }

  private static DtlsCertificate load(Path certFile, Path keyFile)
      throws IOException, GeneralSecurityException {
    X509CertificateHolder holder = null;
    for (Object o : pemObjects(certFile)) {
      if (o instanceof X509CertificateHolder h) {
        holder = h;
        break;
      }
    }
    if (holder == null) {
      throw new IOException(certFile + " holds no PEM certificate");
    }
    PrivateKeyInfo keyInfo = null;
    for (Object o : pemObjects(keyFile)) {
      if (o instanceof PrivateKeyInfo k) {
        keyInfo = k;
        break;
      }
    }
    if (keyInfo == null) {
      throw new IOException(keyFile + " holds no PEM PKCS#8 private key");
    }
    PublicKey publicKey = new JcaX509CertificateConverter().getCertificate(holder).getPublicKey();
    if (!(publicKey instanceof ECPublicKey ec)
        || ec.getParams().getCurve().getField().getFieldSize() != 256) {
      throw new IOException(certFile + " does not hold an ECDSA P-256 certificate");
    }
    PrivateKey key =
        KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(keyInfo.getEncoded()));
    if (!belongTogether(key, publicKey)) {
      throw new IOException(keyFile + " is not the key of the certificate in " + certFile);
    }
    return new DtlsCertificate(holder.getEncoded(), keyInfo, holder.getNotAfter().toInstant());
  }

  /** Signs a probe with the key and verifies it with the certificate's public key. */
  private static boolean belongTogether(PrivateKey key, PublicKey publicKey)
      throws GeneralSecurityException {
    byte[] probe = "dtls-certificate-key-check".getBytes(StandardCharsets.US_ASCII);
    Signature signer = Signature.getInstance(SIGNATURE_ALGORITHM);
    signer.initSign(key);
    signer.update(probe);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM);
    verifier.initVerify(publicKey);
    verifier.update(probe);
    return verifier.verify(signature);
  }

  private static List<Object> pemObjects(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      throw new IOException(file + " is " + size + " bytes, more than " + MAX_FILE_BYTES);
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    List<Object> objects = new ArrayList<>();
    try (Reader r = new StringReader(text);
        PEMParser parser = new PEMParser(r)) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        objects.add(o);
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new IOException(file + " is not valid PEM: " + e.getMessage(), e);
    }
    return objects;
  }

  private String certificatePem() {
    return pem("CERTIFICATE", certificateDer);
  }

  private String privateKeyPem() {
    try {
      return pem("PRIVATE KEY", privateKey.getEncoded());
    } catch (IOException e) {
      throw new IllegalStateException("a parsed key re-encodes", e);
    }
  }

  /** RFC 7468 textual encoding: base64 in 64-character lines between the labels. */
  private static String pem(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }

  private static void writeAtomically(Path target, String content, boolean secret)
      throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp =
        isPosix()
            ? Files.createTempFile(
                dir,
                target.getFileName().toString(),
                ".tmp",
                PosixFilePermissions.asFileAttribute(
                    secret ? OWNER_ONLY : PosixFilePermissions.fromString("rw-r--r--")))
            : Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
    try {
      Files.writeString(tmp, content, StandardCharsets.US_ASCII);
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Mode 0600 for a key file someone copied in or widened; logged, since it was exposed. */
  private static void restrictToOwner(Path keyFile) throws IOException {
    if (!isPosix()) {
      return;
    }
    Set<PosixFilePermission> current = Files.getPosixFilePermissions(keyFile);
    if (!current.equals(OWNER_ONLY)) {
      log.warn(
          "DTLS key {} had mode {}; setting it to rw-------",
          keyFile,
          PosixFilePermissions.toString(current));
      Files.setPosixFilePermissions(keyFile, OWNER_ONLY);
    }
  }

  private static boolean isPosix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
