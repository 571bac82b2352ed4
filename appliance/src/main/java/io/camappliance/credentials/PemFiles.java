package io.camappliance.credentials;

import static io.camappliance.credentials.CredentialsException.Kind.IDENTITY;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads certificates and private keys from PEM files (RFC 7468) with Bouncy Castle's parser.
 *
 * <p>Private keys: {@code PRIVATE KEY} (PKCS#8, RFC 5208), {@code RSA PRIVATE KEY} (PKCS#1, RFC
 * 8017) and {@code EC PRIVATE KEY} (SEC1, RFC 5915, optionally preceded by an {@code EC PARAMETERS}
 * block as {@code openssl ecparam -genkey} writes). Encrypted keys are refused: the device has
 * nobody to type a passphrase.
 */
final class PemFiles {
  private static final long MAX_FILE_BYTES = 1 << 20; // a bundle of ~500 roots fits easily

  private PemFiles() {}

  /** All certificates in the file, in order; fails when there is none. */
  static List<X509Certificate> certificates(Path file, String role) throws CredentialsException {
    List<X509Certificate> certs = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    for (Object o : objects(file, role)) {
      if (o instanceof X509CertificateHolder h) {
        try {
          certs.add(converter.getCertificate(h));
        } catch (CertificateException e) {
          throw new CredentialsException(
              IDENTITY, "the " + role + " " + file + " holds a certificate Java cannot read", e);
        }
      }
    }
    if (certs.isEmpty()) {
      throw new CredentialsException(
          IDENTITY,
          "the "
              + role
              + " "
              + file
              + " holds no '-----BEGIN CERTIFICATE-----' block; point the setting at a PEM"
              + " certificate file");
    }
    return certs;
  }

  /** The one private key in the file. */
  static PrivateKey privateKey(Path file, String role) throws CredentialsException {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    for (Object o : objects(file, role)) {
      try {
        if (o instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
        if (o instanceof PEMKeyPair pair) {
          return converter.getKeyPair(pair).getPrivate();
        }
      } catch (IOException e) {
        throw new CredentialsException(
            IDENTITY,
            "the "
                + role
                + " "
                + file
                + " holds a key of an algorithm Java cannot use (RSA and EC are supported)",
            e);
      }
      if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
        throw new CredentialsException(
            IDENTITY,
            "the "
                + role
                + " "
                + file
                + " is encrypted; store it unencrypted, readable only by the service user"
                + " (openssl pkey -in KEY -out KEY.plain)");
      }
      if (o instanceof ASN1ObjectIdentifier || o instanceof X9ECParameters) {
        continue; // an EC PARAMETERS block before the key
      }
    }
    throw new CredentialsException(
        IDENTITY,
        "the "
            + role
            + " "
            + file
            + " holds no private key; expected '-----BEGIN PRIVATE KEY-----', '-----BEGIN RSA"
            + " PRIVATE KEY-----' or '-----BEGIN EC PRIVATE KEY-----'");
  }

  private static List<Object> objects(Path file, String role) throws CredentialsException {
    List<Object> objects = new ArrayList<>();
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new CredentialsException(
            IDENTITY,
            "the " + role + " " + file + " is " + size + " bytes, more than " + MAX_FILE_BYTES);
      }
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
          PEMParser p = new PEMParser(r)) {
        for (Object o = p.readObject(); o != null; o = p.readObject()) {
          objects.add(o);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new CredentialsException(
          IDENTITY, "cannot read the " + role + " " + file + ": " + e.getMessage(), e);
    }
    return objects;
  }
}
