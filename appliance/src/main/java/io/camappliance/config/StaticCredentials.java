package io.camappliance.config;

/**
 * Fixed AWS credentials from {@code [iot]}, for development only (a device uses short-lived
 * credentials from the IoT credentials provider). {@link #toString()} never shows the secret or the
 * session token.
 *
 * @param accessKeyId {@code static_access_key_id}
 * @param secretAccessKey {@code static_secret_access_key}
 * @param sessionToken {@code static_session_token}, empty when the credentials are long-term
 */
public record StaticCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {

  @Override
  public String toString() {
    return "StaticCredentials[accessKeyId="
        + accessKeyId
        + ", secretAccessKey=<redacted>, sessionToken="
        + (sessionToken.isEmpty() ? "<none>" : "<redacted>")
        + "]";
  }
}
