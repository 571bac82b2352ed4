package io.camappliance.emulator.iot;

import io.camappliance.emulator.EmulatorSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Sets a device up the way the IoT console's "create thing" does, against the emulator's CA and
 * registry: the role alias (when missing), the thing, a key pair and ACTIVE certificate attached to
 * the thing, written as {@code ca.pem}, {@code device.pem} and {@code device.key} (0600) in an
 * output directory.
 *
 * <p>Idempotent: when the output directory already holds a device certificate that is registered,
 * ACTIVE and matches its key, that identity is kept (re-attached if needed) and only the files are
 * rewritten; otherwise a new key and certificate are issued.
 */
public final class IotProvisioning {
  static final String CA_FILE = "ca.pem";
  static final String CERT_FILE = "device.pem";
  static final String KEY_FILE = "device.key";

  private IotProvisioning() {}

  /**
   * Provisions against the state under {@code dataDir} (the emulator's {@code --data-dir}); a
   * running emulator on the same directory sees the result on its next request.
   */
  public static ProvisionedDevice provision(
      Path dataDir,
      String thingName,
      String roleAlias,
      KeyType keyType,
      KeyFormat keyFormat,
      Path outDir)
      throws IOException {
    Path iotDir = IotService.iotDir(dataDir);
    CertificateAuthority ca = CertificateAuthority.openOrCreate(iotDir.resolve("ca"));
    IotRegistry registry = IotRegistry.open(iotDir);
    return provision(
        registry,
        ca,
        EmulatorSettings.DEFAULT_ACCOUNT,
        thingName,
        roleAlias,
        keyType,
        keyFormat,
        outDir);
  }

  static ProvisionedDevice provision(
      IotRegistry registry,
      CertificateAuthority ca,
      String accountId,
      String thingName,
      String roleAlias,
      KeyType keyType,
      KeyFormat keyFormat,
      Path outDir)
      throws IOException {
    if (registry.roleAlias(roleAlias).isEmpty()) {
      registry.putRoleAlias(
          new RoleAlias(
              roleAlias,
              "arn:aws:iam::" + accountId + ":role/" + roleAlias,
              RoleAlias.DEFAULT_DURATION_SECONDS));
    }
    registry.createThing(thingName);
    Path certFile = outDir.resolve(CERT_FILE);
    Path keyFile = outDir.resolve(KEY_FILE);
    X509Certificate cert;
    PrivateKey key;
    Optional<IssuedKey> existing = existing(registry, certFile, keyFile, keyType);
    if (existing.isPresent()) {
      cert = existing.get().certificate();
      key = existing.get().keyPair().getPrivate();
    } else {
      IssuedKey issued = ca.issueDevice(keyType);
      cert = issued.certificate();
      key = issued.keyPair().getPrivate();
    }
    String id = registry.registerCertificate(cert, CertificateStatus.ACTIVE);
    registry.attachThingPrincipal(thingName, id);
    Path caFile = outDir.resolve(CA_FILE);
    AtomicFiles.writeString(caFile, Pem.certificate(ca.certificate()));
    AtomicFiles.writeString(certFile, Pem.certificate(cert));
    AtomicFiles.writeSecret(keyFile, Pem.privateKey(key, keyFormat));
    return new ProvisionedDevice(thingName, roleAlias, id, caFile, certFile, keyFile);
  }

  /** The identity already in the output directory, if it is still usable as is. */
  private static Optional<IssuedKey> existing(
      IotRegistry registry, Path certFile, Path keyFile, KeyType keyType) throws IOException {
    if (!Files.exists(certFile) || !Files.exists(keyFile)) {
      return Optional.empty();
    }
    X509Certificate cert;
    PrivateKey key;
    try {
      cert = Pem.certificate(Files.readString(certFile, StandardCharsets.UTF_8));
      key = Pem.privateKey(Files.readString(keyFile, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // unreadable: replace
    }
    boolean active =
        registry
            .certificate(IotRegistry.certificateId(cert))
            .filter(c -> c.status() == CertificateStatus.ACTIVE)
            .isPresent();
    if (!active || !key.getAlgorithm().equals(keyType.name()) || !matches(key, cert)) {
      return Optional.empty();
    }
    return Optional.of(new IssuedKey(new java.security.KeyPair(cert.getPublicKey(), key), cert));
  }

  private static boolean matches(PrivateKey key, X509Certificate cert) {
    String alg = "RSA".equals(key.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
    byte[] probe = "key matches certificate".getBytes(StandardCharsets.US_ASCII);
    try {
      Signature s = Signature.getInstance(alg);
      s.initSign(key);
      s.update(probe);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance(alg);
      v.initVerify(cert.getPublicKey());
      v.update(probe);
      return v.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
