package io.camappliance.emulator.sigv4;

import io.camappliance.emulator.auth.AuthFailure;
import io.camappliance.emulator.auth.SigningCredential;
import java.util.Optional;

/**
 * The emulator's stand-in for the IAM role behind IoT-issued credentials: the policy of the KVS
 * developer guide ("ThingName as stream name") whose resources are {@code
 * stream/${credentials-iot:ThingName}/*} and {@code channel/${credentials-iot:ThingName}/*}.
 * Credentials issued for a thing may only act on the stream and the channel named like the thing;
 * static keys may act on everything.
 *
 * <p>A refusal is IAM's: 403 {@code AccessDeniedException}, "User: … is not authorized to perform:
 * kinesisvideo:&lt;Action&gt; on resource: &lt;ARN&gt;" (the per-operation tables list 401; the
 * service is observed answering 403 for policy denials).
 */
public final class ThingScope {
  public static final String ACCESS_DENIED = "AccessDeniedException";

  private final String region;
  private final String accountId;

  public ThingScope(String region, String accountId) {
    this.region = region;
    this.accountId = accountId;
  }

  /**
   * @param action the API name, e.g. {@code PutMedia}
   * @param resourceType {@code stream} or {@code channel}
   * @param name the stream or channel name the request acts on; null for account-wide calls such as
   *     ListStreams, which thing credentials may not make
   * @param resourceArn the resource's ARN when it exists, for the message; may be null
   */
  public Optional<AuthFailure> check(
      SigningCredential credential,
      String action,
      String resourceType,
      String name,
      String resourceArn) {
    String thing = credential.thingName();
    if (thing == null || thing.equals(name)) {
      return Optional.empty();
    }
    String resource =
        resourceArn != null
            ? resourceArn
            : name == null
                ? "*"
                : "arn:aws:kinesisvideo:"
                    + region
                    + ":"
                    + accountId
                    + ":"
                    + resourceType
                    + "/"
                    + name
                    + "/*";
    return Optional.of(
        new AuthFailure(
            403,
            ACCESS_DENIED,
            "User: arn:aws:sts::"
                + accountId
                + ":assumed-role/iot-credentials/"
                + thing
                + " is not authorized to perform: kinesisvideo:"
                + action
                + " on resource: "
                + resource));
  }
}
