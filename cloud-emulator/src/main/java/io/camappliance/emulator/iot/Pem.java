package io.camappliance.emulator.iot;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * RFC 7468 textual encodings of certificates, private keys and certificate requests, as AWS IoT
 * hands them out ({@code certificatePem}, {@code privateKey}) and as curl and OpenSSL read them.
 */
public final class Pem {
  private Pem() {}

  /** {@code -----BEGIN CERTIFICATE-----}. */
  public static String certificate(X509Certificate cert) {
    return write(cert);
  }

  /** The key in the chosen format (see {@link KeyFormat}). */
  public static String privateKey(PrivateKey key, KeyFormat format) {
    if (key instanceof ECPrivateKey ec) {
      return ecPrivateKey(ec, format);
    }
    if (format == KeyFormat.TRADITIONAL) {
      return write(key);
    }
    try {
      return write(new JcaPKCS8Generator(key, null).generate());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The JDK encodes an EC key's RFC 5915 structure without the curve and the public key, which
   * OpenSSL refuses as a standalone {@code EC PRIVATE KEY}; write both, as OpenSSL does: SEC1 with
   * {@code parameters} and {@code publicKey}, PKCS#8 with the curve in the algorithm identifier and
   * {@code publicKey} inside.
   */
  private static String ecPrivateKey(ECPrivateKey key, KeyFormat format) {
    try {
      PrivateKeyInfo jdk = PrivateKeyInfo.getInstance(key.getEncoded());
      AlgorithmIdentifier alg = jdk.getPrivateKeyAlgorithm();
      ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(alg.getParameters());
      X9ECParameters x9 = ECNamedCurveTable.getByOID(curve);
      if (x9 == null) {
        throw new IllegalArgumentException("EC key on unnamed or unknown curve " + curve);
      }
      ECPoint q = new FixedPointCombMultiplier().multiply(x9.getG(), key.getS()).normalize();
      DERBitString pub = new DERBitString(q.getEncoded(false));
      int bits = x9.getN().bitLength();
      if (format == KeyFormat.TRADITIONAL) {
        byte[] der =
            new org.bouncycastle.asn1.sec.ECPrivateKey(bits, key.getS(), pub, curve).getEncoded();
        return write(new PemObject("EC PRIVATE KEY", der));
      }
      byte[] der =
          new PrivateKeyInfo(
                  alg, new org.bouncycastle.asn1.sec.ECPrivateKey(bits, key.getS(), pub, null))
              .getEncoded();
      return write(new PemObject("PRIVATE KEY", der));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every certificate in the text, in order; fails when there is none. */
  public static List<X509Certificate> certificates(String pem) {
    List<X509Certificate> out = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof X509CertificateHolder h) {
          out.add(new JcaX509CertificateConverter().getCertificate(h));
        }
      }
    } catch (IOException | CertificateException e) {
      throw new IllegalArgumentException("unreadable certificate PEM: " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no -----BEGIN CERTIFICATE----- block in the PEM text");
    }
    return out;
  }

  /** The first certificate in the text. */
  public static X509Certificate certificate(String pem) {
    return certificates(pem).get(0);
  }

  /** A private key in PKCS#8, PKCS#1 (RSA) or SEC1 (EC) form, unencrypted. */
  public static PrivateKey privateKey(String pem) {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        if (o instanceof PEMKeyPair pair) {
          return converter.getPrivateKey(pair.getPrivateKeyInfo());
        }
        if (o instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("unreadable private key PEM: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException(
        "no unencrypted PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block in the PEM text");
  }

  /** An RFC 2986 {@code -----BEGIN CERTIFICATE REQUEST-----}. */
  public static PKCS10CertificationRequest certificationRequest(String pem) {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof PKCS10CertificationRequest csr) {
          return csr;
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "unreadable certificate request PEM: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException(
        "no -----BEGIN CERTIFICATE REQUEST----- block in the PEM text");
  }

  static String write(Object o) {
    StringWriter s = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(s)) {
      w.writeObject(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return s.toString();
  }
}
