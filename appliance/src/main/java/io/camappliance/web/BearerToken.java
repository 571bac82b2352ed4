package io.camappliance.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The shared secret every request must present when one is configured, as an OAuth bearer token
 * (RFC 6750): {@code Authorization: Bearer <token>}, or on the pages only, {@code ?token=<token>}
 * (section 2.3), which the page scripts then move into the header of their own requests.
 *
 * <p>Both sides are hashed with SHA-256 before a {@link MessageDigest#isEqual} comparison, so the
 * time taken depends on neither the token's content nor its length.
 */
final class BearerToken {
  private static final String SCHEME = "Bearer ";

  private final byte[] digest;

  BearerToken(String token) {
    if (token.isBlank()) {
      throw new IllegalArgumentException("The web access token is blank; set a token or none");
    }
    this.digest = sha256(token);
  }

  /** The outcome of checking one request. */
  enum Verdict {
    ACCEPTED,
    MISSING,
    WRONG
  }

  /**
   * @param authorization the {@code Authorization} header, or null
   * @param queryToken the {@code token} query parameter, or null when it is not allowed or absent
   */
  Verdict check(String authorization, String queryToken) {
    String presented = null;
    if (authorization != null && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      presented = authorization.substring(SCHEME.length()).trim();
    } else if (queryToken != null) {
      presented = queryToken;
    }
    if (presented == null || presented.isEmpty()) {
      return Verdict.MISSING;
    }
    return MessageDigest.isEqual(digest, sha256(presented)) ? Verdict.ACCEPTED : Verdict.WRONG;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime provides SHA-256", e);
    }
  }
}
