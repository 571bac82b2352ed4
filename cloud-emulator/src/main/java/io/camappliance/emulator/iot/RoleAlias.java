package io.camappliance.emulator.iot;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * An IoT role alias ({@code CreateRoleAlias}): the name devices put in the credentials path, the
 * IAM role it stands for and how long issued credentials live.
 *
 * @param credentialDurationSeconds 900..43200, default 3600 (IoT API reference; §1.4 of the IoT
 *     reference)
 */
public record RoleAlias(String roleAlias, String roleArn, int credentialDurationSeconds) {
  public static final int MIN_DURATION_SECONDS = 900;
  public static final int MAX_DURATION_SECONDS = 43_200;
  public static final int DEFAULT_DURATION_SECONDS = 3_600;

  /** {@code [\w=,@-]+}, at most 128 characters (CreateRoleAlias). */
  private static final Pattern NAME = Pattern.compile("[\\w=,@-]{1,128}");

  public RoleAlias {
    if (roleAlias == null || !NAME.matcher(roleAlias).matches()) {
      throw new IllegalArgumentException(
          "role alias name '" + roleAlias + "' must match [\\w=,@-]{1,128}");
    }
    if (roleArn == null || !roleArn.startsWith("arn:aws:iam::")) {
      throw new IllegalArgumentException(
          "role ARN '" + roleArn + "' must look like arn:aws:iam::<account>:role/<name>");
    }
    if (credentialDurationSeconds < MIN_DURATION_SECONDS
        || credentialDurationSeconds > MAX_DURATION_SECONDS) {
      throw new IllegalArgumentException(
          "credentialDurationSeconds "
              + credentialDurationSeconds
              + " is outside "
              + MIN_DURATION_SECONDS
              + ".."
              + MAX_DURATION_SECONDS);
    }
  }

  public Duration credentialDuration() {
    return Duration.ofSeconds(credentialDurationSeconds);
  }

  /** {@code arn:aws:iot:<region>:<account>:rolealias/<name>}. */
  public String arn(String region, String accountId) {
    return "arn:aws:iot:" + region + ":" + accountId + ":rolealias/" + roleAlias;
  }
}
