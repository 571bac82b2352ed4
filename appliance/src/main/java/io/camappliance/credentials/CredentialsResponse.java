package io.camappliance.credentials;

import static io.camappliance.credentials.CredentialsException.Kind.BAD_REQUEST;
import static io.camappliance.credentials.CredentialsException.Kind.FORBIDDEN;
import static io.camappliance.credentials.CredentialsException.Kind.NOT_FOUND;
import static io.camappliance.credentials.CredentialsException.Kind.SERVER;
import static io.camappliance.credentials.CredentialsException.Kind.THROTTLED;
import static io.camappliance.credentials.CredentialsException.Kind.TLS_REFUSED;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Turns the credentials endpoint's HTTP status and body into {@link SessionCredentials} or a
 * classified {@link CredentialsException} (IoT reference §1.2, §1.3).
 *
 * <pre>
 * 200 {"credentials":{"accessKeyId":"ASIA…","secretAccessKey":"…","sessionToken":"…",
 *                     "expiration":"YYYY-MM-DDTHH:MM:SSZ"}}
 * 4xx/5xx {"message":"…"}
 * </pre>
 */
final class CredentialsResponse {
  /** Real answers are under 2 KiB; anything far larger is not the credentials provider. */
  static final int MAX_BODY_CHARS = 64 * 1024;

  /** Exactly 20 characters, as the C producer demands (§1.2, §9 pitfall 5). */
  private static final Pattern EXPIRATION =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

  private static final ObjectMapper JSON = new ObjectMapper();

  private CredentialsResponse() {}

  /**
   * @param request what was asked, for messages: endpoint, role alias, thing name
   */
  static SessionCredentials parse(int status, String body, CredentialsRequest request)
      throws CredentialsException {
    if (body.length() > MAX_BODY_CHARS) {
      throw new CredentialsException(
          SERVER,
          "the credentials endpoint "
              + request.endpoint()
              + " answered "
              + status
              + " with "
              + body.length()
              + " characters, more than "
              + MAX_BODY_CHARS
              + "; is the endpoint setting the IoT credentials provider?");
    }
    if (status != 200) {
      throw error(status, message(body), request);
    }
    JsonNode c = tree(body, request).path("credentials");
    String keyId = text(c, "accessKeyId", request);
    String secret = text(c, "secretAccessKey", request);
    String token = text(c, "sessionToken", request);
    String expiration = text(c, "expiration", request);
    if (!EXPIRATION.matcher(expiration).matches()) {
      throw malformed("expiration '" + expiration + "' is not YYYY-MM-DDTHH:MM:SSZ", request);
    }
    try {
      return new SessionCredentials(keyId, secret, token, Instant.parse(expiration));
    } catch (DateTimeParseException e) {
      throw malformed("expiration '" + expiration + "' is not a valid date", request);
    }
  }

  private static CredentialsException error(int status, String message, CredentialsRequest r) {
    String answered = "the credentials endpoint " + r.endpoint() + " answered " + status;
    answered += message.isEmpty() ? "" : " '" + message + "'";
    if (status == 403 && message.toLowerCase(java.util.Locale.ROOT).contains("thing name")) {
      return new CredentialsException(
          FORBIDDEN,
          answered
              + ": the thing '"
              + r.thingName()
              + "' is not attached to the device certificate; check the thing name setting or"
              + " attach the certificate (aws iot attach-thing-principal)");
    }
    return switch (status) {
      case 401 ->
          new CredentialsException(
              TLS_REFUSED,
              answered
                  + ": the device certificate was not accepted; check that it is registered"
                  + " and ACTIVE");
      case 403 ->
          new CredentialsException(
              FORBIDDEN,
              answered
                  + ": the certificate is inactive, or its IoT policy lacks"
                  + " iot:AssumeRoleWithCertificate on role alias '"
                  + r.roleAlias()
                  + "', or the role's trust policy is wrong");
      case 404 ->
          new CredentialsException(
              NOT_FOUND,
              answered
                  + ": role alias '"
                  + r.roleAlias()
                  + "' does not exist in this account and region; check the role alias setting"
                  + " (aws iot list-role-aliases)");
      case 429 -> new CredentialsException(THROTTLED, answered + ": throttled, retrying later");
      default ->
          status >= 500
              ? new CredentialsException(SERVER, answered + ": service error, retrying later")
              : new CredentialsException(
                  BAD_REQUEST,
                  answered
                      + ": the request was refused; check the thing name '"
                      + r.thingName()
                      + "' and role alias '"
                      + r.roleAlias()
                      + "' settings");
    };
  }

  private static String message(String body) {
    try {
      JsonNode m = JSON.readTree(body).path("message");
      return m.isTextual() ? m.asText() : "";
    } catch (JsonProcessingException | RuntimeException e) {
      return ""; // error bodies are informative only
    }
  }

  private static JsonNode tree(String body, CredentialsRequest r) throws CredentialsException {
    try {
      JsonNode n = JSON.readTree(body);
      if (n == null || n.isMissingNode()) {
        throw malformed("the body is empty", r);
      }
      return n;
    } catch (JsonProcessingException e) {
      throw malformed("the body is not JSON (" + e.getOriginalMessage() + ")", r);
    }
  }

  private static String text(JsonNode credentials, String field, CredentialsRequest r)
      throws CredentialsException {
    JsonNode n = credentials.path(field);
    if (!n.isTextual() || n.asText().isEmpty()) {
      throw malformed("credentials." + field + " is missing or empty", r);
    }
    return n.asText();
  }

  private static CredentialsException malformed(String what, CredentialsRequest r) {
    return new CredentialsException(
        SERVER, "the credentials endpoint " + r.endpoint() + " answered 200 but " + what);
  }
}
