package io.camappliance.emulator.auth;

import java.time.Instant;

/**
 * A credential the emulator accepts in SigV4 signatures: a static access key, or session
 * credentials its IoT credentials provider issued for a thing.
 *
 * @param sessionToken null for a static key; for session credentials every request must carry it
 *     ({@code X-Amz-Security-Token})
 * @param expiration null for a static key
 * @param thingName the IoT thing the session credentials were issued to, or null; such credentials
 *     may only touch the stream (and signaling channel) named after the thing, the {@code
 *     ${credentials-iot:ThingName}} policy variable
 */
public record SigningCredential(
    String accessKeyId,
    String secretAccessKey,
    String sessionToken,
    Instant expiration,
    String thingName) {

  /** A static key with no session and no scoping. */
  public static SigningCredential ofStatic(String accessKeyId, String secretAccessKey) {
    return new SigningCredential(accessKeyId, secretAccessKey, null, null, null);
  }

  public boolean isSession() {
    return sessionToken != null;
  }
}
