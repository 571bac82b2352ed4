package io.camappliance.emulator.iot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camappliance.emulator.auth.CredentialLookup;
import io.camappliance.emulator.auth.SigningCredential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every session credential the credentials provider issued, by access key ID: what the SigV4
 * verifier looks a request's key up in. Expired credentials are still found (so the verifier can
 * answer "expired" rather than "unknown key") until they have been expired for {@link
 * #PRUNE_AFTER}; then they are dropped.
 *
 * <p>Kept in {@code <iotDir>/issued-credentials.json} (0600: it holds secrets), rewritten
 * atomically on every change, so credentials issued before a restart stay valid after it.
 *
 * <p>Shapes follow STS: access key ID {@code ASIA} + 16 characters of {@code [A-Z2-7]}, a
 * 40-character secret, an opaque session token. Expirations are whole seconds, because the
 * credentials response carries {@code YYYY-MM-DDTHH:MM:SSZ}.
 */
public final class IssuedCredentials implements CredentialLookup {
  /** How long an expired credential is still remembered. */
  public static final Duration PRUNE_AFTER = Duration.ofDays(1);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  private final Path file;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, SigningCredential> byKey = new LinkedHashMap<>();

  private IssuedCredentials(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  /** Loads the credentials kept in {@code file} (none when it does not exist) and prunes them. */
  public static IssuedCredentials open(Path file, Clock clock) throws IOException {
    IssuedCredentials c = new IssuedCredentials(file, clock);
    if (Files.exists(file)) {
      for (JsonNode n : JSON.readTree(file.toFile()).path("credentials")) {
        SigningCredential s =
            new SigningCredential(
                n.path("accessKeyId").asText(),
                n.path("secretAccessKey").asText(),
                n.path("sessionToken").asText(),
                Instant.parse(n.path("expiration").asText()),
                n.path("thingName").asText());
        c.byKey.put(s.accessKeyId(), s);
      }
    }
    c.prune();
    return c;
  }

  /** Issues a new session credential for the thing, expiring {@code lifetime} from now. */
  public synchronized SigningCredential issue(String thingName, Duration lifetime) {
    if (thingName == null || thingName.isEmpty()) {
      throw new IllegalArgumentException("session credentials are always issued to a thing");
    }
    Instant expiration = clock.instant().plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
    SigningCredential s =
        new SigningCredential(accessKeyId(), secret(30), secret(192), expiration, thingName);
    byKey.put(s.accessKeyId(), s);
    pruneQuietly();
    save();
    return s;
  }

  @Override
  public synchronized Optional<SigningCredential> find(String accessKeyId) {
    return Optional.ofNullable(byKey.get(accessKeyId));
  }

  /**
   * Expires now every credential whose access key ID or thing name is {@code keyOrThing} (null:
   * every credential), for tests of refresh-on-expiry. Returns how many were expired.
   */
  public synchronized int expireEarly(String keyOrThing) {
    Instant past = clock.instant().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
    int n = 0;
    for (Map.Entry<String, SigningCredential> e : byKey.entrySet()) {
      SigningCredential s = e.getValue();
      boolean match =
          keyOrThing == null
              || s.accessKeyId().equals(keyOrThing)
              || s.thingName().equals(keyOrThing);
      if (match && s.expiration().isAfter(past)) {
        e.setValue(
            new SigningCredential(
                s.accessKeyId(), s.secretAccessKey(), s.sessionToken(), past, s.thingName()));
        n++;
      }
    }
    if (n > 0) {
      save();
    }
    return n;
  }

  /** Drops credentials expired for longer than {@link #PRUNE_AFTER}; returns how many. */
  public synchronized int prune() {
    int n = pruneQuietly();
    if (n > 0) {
      save();
    }
    return n;
  }

  /** How many credentials are remembered, expired or not. */
  public synchronized int size() {
    return byKey.size();
  }

  private int pruneQuietly() {
    Instant cutoff = clock.instant().minus(PRUNE_AFTER);
    int before = byKey.size();
    byKey.values().removeIf(s -> s.expiration().isBefore(cutoff));
    return before - byKey.size();
  }

  private void save() {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", 1);
    ArrayNode a = root.putArray("credentials");
    for (SigningCredential s : byKey.values()) {
      a.addObject()
          .put("accessKeyId", s.accessKeyId())
          .put("secretAccessKey", s.secretAccessKey())
          .put("sessionToken", s.sessionToken())
          .put("expiration", s.expiration().toString())
          .put("thingName", s.thingName());
    }
    try {
      AtomicFiles.writeSecret(file, JSON.writeValueAsString(root) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save issued credentials to " + file, e);
    }
  }

  private String accessKeyId() {
    StringBuilder b = new StringBuilder("ASIA");
    String id;
    do {
      b.setLength(4);
      for (int i = 0; i < 16; i++) {
        b.append(BASE32[random.nextInt(BASE32.length)]);
      }
      id = b.toString();
    } while (byKey.containsKey(id));
    return id;
  }

  /** {@code n} random bytes as unpadded base64: 30 bytes give the 40 characters of a secret. */
  private String secret(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return Base64.getEncoder().withoutPadding().encodeToString(b);
  }
}
