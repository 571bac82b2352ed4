package io.camappliance.emulator.sigv4;

import io.camappliance.emulator.auth.CredentialLookup;
import io.camappliance.emulator.auth.SigningCredential;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Verifies AWS Signature Version 4 on a request (AWS General Reference, "Signature Version 4
 * signing process"), in the {@code Authorization}-header form and the presigned query-string form
 * ({@code X-Amz-Algorithm}, {@code X-Amz-Credential}, {@code X-Amz-Date}, {@code X-Amz-Expires},
 * {@code X-Amz-SignedHeaders}, {@code X-Amz-Signature}, {@code X-Amz-Security-Token}).
 *
 * <p>Checked in order: the signature's parts are all there; the credential scope names this region,
 * the service {@code kinesisvideo} and the request's date; the date is within 15 minutes of the
 * server clock (header form) or the presigned URL has not expired; the access key is known; session
 * credentials came with their token and have not expired; and the signature matches. The session
 * token is accepted whether it was signed or not (the KVS C producer sends it unsigned).
 */
public final class SigV4Verifier {
  /** The signing name of every KVS API (control plane, media, archived media, signaling). */
  public static final String SERVICE = "kinesisvideo";

  /** Allowed difference between a request's date and the server clock. */
  static final Duration MAX_SKEW = Duration.ofMinutes(15);

  /** The longest presigned URL lifetime SigV4 allows: 7 days. */
  static final long MAX_EXPIRES_SECONDS = 604_800;

  private final CredentialLookup credentials;
  private final String region;
  private final Clock clock;

  public SigV4Verifier(CredentialLookup credentials, String region, Clock clock) {
    this.credentials = credentials;
    this.region = region;
    this.clock = clock;
  }

  /**
   * The payload hash a request declares in {@code x-amz-content-sha256} ({@code UNSIGNED-PAYLOAD},
   * {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}, or a hex digest), or null when it declares none.
   * Streaming forms are taken as the seed signature's payload hash; chunk signatures are not
   * checked.
   */
  public static String declaredPayloadHash(SignedRequest r) {
    return r.header("x-amz-content-sha256");
  }

  /** Hex SHA-256 of a body, the payload hash of a request that declares none. */
  public static String sha256Hex(byte[] body) {
    return SigV4.sha256Hex(body);
  }

  /** Hex SHA-256 of the empty string, the payload hash of a streamed body (KVS C producer). */
  public static String emptyPayloadHash() {
    return SigV4.EMPTY_SHA256;
  }

  public Verification verify(SignedRequest r) {
    String authorization = r.header("authorization");
    if (authorization == null && r.queryParameter("X-Amz-Algorithm") != null) {
      return verifyPresigned(r);
    }
    if (authorization == null) {
      return Verification.refused(SigV4Failures.missingAuthenticationToken());
    }
    AuthorizationHeader h = AuthorizationHeader.parse(authorization);
    if (!SigV4.ALGORITHM.equals(h.algorithm())) {
      return Verification.refused(
          SigV4Failures.incomplete(
              "Unsupported AWS 'algorithm': '"
                  + h.algorithm()
                  + "', expected '"
                  + SigV4.ALGORITHM
                  + "'. Authorization="
                  + authorization));
    }
    if (h.missing() != null) {
      return Verification.refused(
          SigV4Failures.incomplete(h.missing() + " Authorization=" + authorization));
    }
    String amzDate = r.header("x-amz-date");
    Instant date;
    if (amzDate != null) {
      date = parseAmzDate(amzDate);
    } else if (r.header("date") != null) {
      date = parseHttpDate(r.header("date"));
      amzDate = date == null ? null : SigV4.AMZ_DATE.format(date);
    } else {
      return Verification.refused(
          SigV4Failures.incomplete(
              "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date'"
                  + " header. Authorization="
                  + authorization));
    }
    if (date == null) {
      return Verification.refused(badDate(amzDate != null ? amzDate : r.header("date")));
    }
    Instant now = clock.instant();
    if (now.minus(MAX_SKEW).isAfter(date)) {
      return Verification.refused(
          SigV4Failures.invalidSignature(
              "Signature expired: "
                  + amzDate
                  + " is now earlier than "
                  + SigV4.AMZ_DATE.format(now.minus(MAX_SKEW))
                  + " ("
                  + SigV4.AMZ_DATE.format(now)
                  + " - 15 min.)"));
    }
    if (now.plus(MAX_SKEW).isBefore(date)) {
      return Verification.refused(notYetCurrent(amzDate, now));
    }
    return check(
        r,
        h.credential(),
        h.signedHeaders(),
        h.signature(),
        amzDate,
        r.header("x-amz-security-token"));
  }

  private Verification verifyPresigned(SignedRequest r) {
    String algorithm = r.queryParameter("X-Amz-Algorithm");
    String credential = r.queryParameter("X-Amz-Credential");
    String signature = r.queryParameter("X-Amz-Signature");
    String amzDate = r.queryParameter("X-Amz-Date");
    String signedHeaders = r.queryParameter("X-Amz-SignedHeaders");
    String expires = r.queryParameter("X-Amz-Expires");
    if (credential == null
        || signature == null
        || amzDate == null
        || AuthorizationHeader.splitHeaders(signedHeaders) == null) {
      return Verification.refused(
          SigV4Failures.incomplete(
              "AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential',"
                  + " 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders'. Re-examine the"
                  + " query-string parameters."));
    }
    if (!SigV4.ALGORITHM.equals(algorithm)) {
      return Verification.refused(
          SigV4Failures.incomplete(
              "X-Amz-Algorithm only supports '" + SigV4.ALGORITHM + "', got '" + algorithm + "'."));
    }
    Instant date = parseAmzDate(amzDate);
    if (date == null) {
      return Verification.refused(badDate(amzDate));
    }
    long lifetime;
    try {
      lifetime = expires == null ? MAX_EXPIRES_SECONDS : Long.parseLong(expires);
    } catch (NumberFormatException e) {
      lifetime = -1;
    }
    if (lifetime < 1 || lifetime > MAX_EXPIRES_SECONDS) {
      return Verification.refused(
          SigV4Failures.incomplete(
              "X-Amz-Expires must be an integer from 1 to "
                  + MAX_EXPIRES_SECONDS
                  + " seconds, got '"
                  + expires
                  + "'."));
    }
    Instant now = clock.instant();
    Instant expiry = date.plusSeconds(lifetime);
    if (now.isAfter(expiry)) {
      return Verification.refused(
          SigV4Failures.invalidSignature(
              "Signature expired: "
                  + SigV4.AMZ_DATE.format(expiry)
                  + " is now earlier than "
                  + SigV4.AMZ_DATE.format(now)
                  + " ("
                  + amzDate
                  + " + "
                  + lifetime
                  + " s X-Amz-Expires)"));
    }
    if (now.plus(MAX_SKEW).isBefore(date)) {
      return Verification.refused(notYetCurrent(amzDate, now));
    }
    return check(
        r,
        credential,
        AuthorizationHeader.splitHeaders(signedHeaders),
        signature,
        amzDate,
        r.queryParameter("X-Amz-Security-Token"));
  }

  private Verification check(
      SignedRequest r,
      String credential,
      List<String> signedHeaders,
      String signature,
      String amzDate,
      String token) {
    CredentialScope scope = CredentialScope.parse(credential);
    if (scope == null) {
      return Verification.refused(
          SigV4Failures.incomplete(
              "Credential must have exactly 5 slash-delimited elements, e.g."
                  + " keyid/date/region/service/term, got '"
                  + credential
                  + "'"));
    }
    if (!SigV4.TERMINATOR.equals(scope.terminator())) {
      return Verification.refused(
          SigV4Failures.invalidSignature(
              "Credential should be scoped with a valid terminator: 'aws4_request', not '"
                  + scope.terminator()
                  + "'. "));
    }
    if (!amzDate.startsWith(scope.date()) || scope.date().length() != 8) {
      return Verification.refused(
          SigV4Failures.invalidSignature(
              "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date"
                  + " from HTTP: '"
                  + scope.date()
                  + "' != '"
                  + amzDate.substring(0, Math.min(8, amzDate.length()))
                  + "', from '"
                  + amzDate
                  + "'."));
    }
    if (!region.equals(scope.region())) {
      return Verification.refused(
          SigV4Failures.invalidSignature(
              "Credential should be scoped to a valid region, not '" + scope.region() + "'. "));
    }
    if (!SERVICE.equals(scope.service())) {
      return Verification.refused(
          SigV4Failures.invalidSignature(
              "Credential should be scoped to correct service: '" + SERVICE + "'. "));
    }
    if (!signedHeaders.contains("host")) {
      return Verification.refused(
          SigV4Failures.incomplete(
              "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."));
    }
    Optional<SigningCredential> found = credentials.find(scope.accessKeyId());
    if (found.isEmpty()) {
      return Verification.refused(SigV4Failures.unrecognizedClient());
    }
    SigningCredential c = found.get();
    if (c.isSession() != (token != null) || (c.isSession() && !c.sessionToken().equals(token))) {
      return Verification.refused(SigV4Failures.unrecognizedClient());
    }
    if (c.expiration() != null && !clock.instant().isBefore(c.expiration())) {
      return Verification.refused(SigV4Failures.expiredToken());
    }
    String canonical = CanonicalRequest.of(r, signedHeaders);
    String stringToSign = SigV4.stringToSign(amzDate, scope.scope(), canonical);
    byte[] key =
        SigV4.signingKey(c.secretAccessKey(), scope.date(), scope.region(), scope.service());
    String expected = SigV4.signature(key, stringToSign);
    if (!SigV4.sameSignature(expected, signature)) {
      return Verification.refused(SigV4Failures.signatureMismatch(canonical, stringToSign));
    }
    return Verification.accepted(c);
  }

  private static io.camappliance.emulator.auth.AuthFailure notYetCurrent(
      String amzDate, Instant now) {
    return SigV4Failures.invalidSignature(
        "Signature not yet current: "
            + amzDate
            + " is still later than "
            + SigV4.AMZ_DATE.format(now.plus(MAX_SKEW))
            + " ("
            + SigV4.AMZ_DATE.format(now)
            + " + 15 min.)");
  }

  private static io.camappliance.emulator.auth.AuthFailure badDate(String value) {
    return SigV4Failures.incomplete(
        "Date must be in ISO-8601 'basic format'. Got '"
            + value
            + "'. See http://en.wikipedia.org/wiki/ISO_8601");
  }

  private static Instant parseAmzDate(String s) {
    try {
      return SigV4.AMZ_DATE.parse(s, Instant::from);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Instant parseHttpDate(String s) {
    try {
      return ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
