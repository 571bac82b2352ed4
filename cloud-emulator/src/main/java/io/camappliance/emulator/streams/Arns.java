package io.camappliance.emulator.streams;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * KVS resource ARNs, {@code arn:aws:kinesisvideo:<region>:<account>:<type>/<name>/<creation epoch
 * millis>} with type {@code stream} or {@code channel} (KVS API reference, common contract).
 */
public final class Arns {
  /** The service's pattern for stream and channel ARNs. */
  public static final Pattern PATTERN =
      Pattern.compile(
          "arn:[a-z\\d-]+:kinesisvideo:[a-z0-9-]+:[0-9]+:([a-z]+)/([a-zA-Z0-9_.-]+)/([0-9]+)");

  private Arns() {}

  static String of(String region, String accountId, String type, String name, long millis) {
    return "arn:aws:kinesisvideo:"
        + region
        + ":"
        + accountId
        + ":"
        + type
        + "/"
        + name
        + "/"
        + millis;
  }

  /**
   * The resource name inside a well-formed ARN, or null when it does not match {@link #PATTERN}.
   */
  public static String name(String arn) {
    Matcher m = PATTERN.matcher(arn);
    return m.matches() ? m.group(2) : null;
  }
}
