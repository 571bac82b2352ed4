package io.camappliance.emulator.iot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The emulator's AWS IoT registry: things, device certificates with their status, thing–principal
 * attachments ({@code AttachThingPrincipal}) and role aliases.
 *
 * <p>Kept in {@code <iotDir>/registry.json} with each certificate's PEM in {@code
 * <iotDir>/certificates/<certificateId>.pem}; every change rewrites the file atomically. Every
 * operation first reloads the file when something else (the {@code provision} command run beside a
 * running emulator) changed it since this instance last read or wrote it. All methods are
 * synchronized: the registry is small and changes rarely.
 */
public final class IotRegistry {
  /** Thing names: {@code [a-zA-Z0-9:_-]+}, at most 128 characters (CreateThing). */
  private static final Pattern THING_NAME = Pattern.compile("[a-zA-Z0-9:_-]{1,128}");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final Path file;
  private FileTime seen;

  private final Map<String, Instant> things = new TreeMap<>();
  private final Map<String, RegisteredCertificate> certificates = new TreeMap<>();
  private final Map<String, Set<String>> principals = new TreeMap<>(); // thing -> certificate ids
  private final Map<String, RoleAlias> roleAliases = new TreeMap<>();

  private IotRegistry(Path dir) {
    this.dir = dir;
    this.file = dir.resolve("registry.json");
  }

  /** Opens the registry kept under {@code iotDir}, empty when there is none yet. */
  public static IotRegistry open(Path iotDir) throws IOException {
    IotRegistry r = new IotRegistry(iotDir);
    Files.createDirectories(iotDir.resolve("certificates"));
    r.load();
    return r;
  }

  /** The certificate ID: lowercase hex SHA-256 of the certificate's DER encoding. */
  public static String certificateId(X509Certificate cert) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot fingerprint certificate", e);
    }
  }

  /** Creates a thing; returns false when it already existed. */
  public synchronized boolean createThing(String thingName) {
    if (thingName == null || !THING_NAME.matcher(thingName).matches()) {
      throw new IllegalArgumentException(
          "thing name '" + thingName + "' must match [a-zA-Z0-9:_-]{1,128}");
    }
    refresh();
    if (things.containsKey(thingName)) {
      return false;
    }
    things.put(thingName, Instant.now());
    save();
    return true;
  }

  public synchronized boolean thingExists(String thingName) {
    refresh();
    return things.containsKey(thingName);
  }

  /**
   * Registers a certificate with the given status ({@code RegisterCertificateWithoutCA}); when it
   * is already registered its status is left alone. Returns its certificate ID.
   */
  public synchronized String registerCertificate(X509Certificate cert, CertificateStatus status) {
    refresh();
    String id = certificateId(cert);
    if (!certificates.containsKey(id)) {
      try {
        AtomicFiles.writeString(pemFile(id), Pem.certificate(cert));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      certificates.put(id, new RegisteredCertificate(id, status, Instant.now(), cert));
      save();
    }
    return id;
  }

  public synchronized Optional<RegisteredCertificate> certificate(String certificateId) {
    refresh();
    return Optional.ofNullable(certificates.get(certificateId));
  }

  /** {@code UpdateCertificate}; fails for an unknown certificate. */
  public synchronized void setCertificateStatus(String certificateId, CertificateStatus status) {
    refresh();
    RegisteredCertificate c = requireCertificate(certificateId);
    certificates.put(
        certificateId,
        new RegisteredCertificate(certificateId, status, c.creationDate(), c.certificate()));
    save();
  }

  /** {@code AttachThingPrincipal}; both must exist. Idempotent. */
  public synchronized void attachThingPrincipal(String thingName, String certificateId) {
    refresh();
    requireThing(thingName);
    requireCertificate(certificateId);
    if (principals.computeIfAbsent(thingName, t -> new TreeSet<>()).add(certificateId)) {
      save();
    }
  }

  /** {@code DetachThingPrincipal}. Idempotent. */
  public synchronized void detachThingPrincipal(String thingName, String certificateId) {
    refresh();
    Set<String> s = principals.get(thingName);
    if (s != null && s.remove(certificateId)) {
      if (s.isEmpty()) {
        principals.remove(thingName);
      }
      save();
    }
  }

  public synchronized boolean isAttached(String thingName, String certificateId) {
    refresh();
    return principals.getOrDefault(thingName, Set.of()).contains(certificateId);
  }

  /** {@code ListThingPrincipals}: the certificate IDs attached to the thing, sorted. */
  public synchronized List<String> principalsOf(String thingName) {
    refresh();
    return List.copyOf(principals.getOrDefault(thingName, Set.of()));
  }

  /** {@code CreateRoleAlias}, or {@code UpdateRoleAlias} when it exists. */
  public synchronized void putRoleAlias(RoleAlias alias) {
    refresh();
    if (!alias.equals(roleAliases.get(alias.roleAlias()))) {
      roleAliases.put(alias.roleAlias(), alias);
      save();
    }
  }

  public synchronized Optional<RoleAlias> roleAlias(String name) {
    refresh();
    return Optional.ofNullable(roleAliases.get(name));
  }

  private void requireThing(String thingName) {
    if (!things.containsKey(thingName)) {
      throw new IllegalArgumentException("no thing named '" + thingName + "'");
    }
  }

  private RegisteredCertificate requireCertificate(String certificateId) {
    RegisteredCertificate c = certificates.get(certificateId);
    if (c == null) {
      throw new IllegalArgumentException("no certificate with ID '" + certificateId + "'");
    }
    return c;
  }

  private Path pemFile(String certificateId) {
    return dir.resolve("certificates").resolve(certificateId + ".pem");
  }

  private void refresh() {
    try {
      FileTime t = Files.getLastModifiedTime(file);
      if (!t.equals(seen)) {
        load();
      }
    } catch (NoSuchFileException e) {
      // nothing saved yet
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void load() throws IOException {
    things.clear();
    certificates.clear();
    principals.clear();
    roleAliases.clear();
    if (!Files.exists(file)) {
      seen = null;
      return;
    }
    seen = Files.getLastModifiedTime(file);
    JsonNode root = JSON.readTree(file.toFile());
    for (JsonNode t : root.path("things")) {
      things.put(t.path("thingName").asText(), Instant.parse(t.path("creationDate").asText()));
    }
    for (JsonNode c : root.path("certificates")) {
      String id = c.path("certificateId").asText();
      Path pem = pemFile(id);
      X509Certificate cert = Pem.certificate(Files.readString(pem, StandardCharsets.UTF_8));
      if (!certificateId(cert).equals(id)) {
        throw new IOException(pem + " does not hold the certificate " + id + " it is named after");
      }
      certificates.put(
          id,
          new RegisteredCertificate(
              id,
              CertificateStatus.valueOf(c.path("status").asText()),
              Instant.parse(c.path("creationDate").asText()),
              cert));
    }
    for (JsonNode a : root.path("attachments")) {
      principals
          .computeIfAbsent(a.path("thingName").asText(), t -> new TreeSet<>())
          .add(a.path("certificateId").asText());
    }
    for (JsonNode r : root.path("roleAliases")) {
      RoleAlias alias =
          new RoleAlias(
              r.path("roleAlias").asText(),
              r.path("roleArn").asText(),
              r.path("credentialDurationSeconds").asInt());
      roleAliases.put(alias.roleAlias(), alias);
    }
  }

  private void save() {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", 1);
    ArrayNode ts = root.putArray("things");
    things.forEach(
        (name, created) ->
            ts.addObject().put("thingName", name).put("creationDate", created.toString()));
    ArrayNode cs = root.putArray("certificates");
    for (RegisteredCertificate c : certificates.values()) {
      cs.addObject()
          .put("certificateId", c.certificateId())
          .put("status", c.status().name())
          .put("creationDate", c.creationDate().toString());
    }
    ArrayNode as = root.putArray("attachments");
    principals.forEach(
        (thing, ids) ->
            ids.forEach(id -> as.addObject().put("thingName", thing).put("certificateId", id)));
    ArrayNode rs = root.putArray("roleAliases");
    for (RoleAlias r : roleAliases.values()) {
      rs.addObject()
          .put("roleAlias", r.roleAlias())
          .put("roleArn", r.roleArn())
          .put("credentialDurationSeconds", r.credentialDurationSeconds());
    }
    try {
      AtomicFiles.writeString(
          file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
      seen = Files.getLastModifiedTime(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the IoT registry to " + file, e);
    }
  }

  /** For diagnostics: counts of each kind of object. */
  @Override
  public synchronized String toString() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("things", things.size());
    m.put("certificates", certificates.size());
    m.put("roleAliases", roleAliases.size());
    return "IotRegistry" + m;
  }
}
