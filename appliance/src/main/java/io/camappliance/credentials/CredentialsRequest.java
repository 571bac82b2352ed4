package io.camappliance.credentials;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the device asks the IoT credentials provider for (IoT reference §1.1): {@code GET
 * https://<endpoint>/role-aliases/<roleAlias>/credentials} with {@code x-amzn-iot-thingname:
 * <thingName>}.
 *
 * @param endpoint host name, or {@code host:port}, of the credentials endpoint ({@code
 *     <prefix>.credentials.iot.<region>.amazonaws.com}); not the {@code -ats.iot} data endpoint (§9
 *     pitfall 7)
 * @param roleAlias the role alias
 * @param thingName the thing attached to the device certificate
 */
public record CredentialsRequest(String endpoint, String roleAlias, String thingName) {
  private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.-]+(:\\d{1,5})?");
  private static final Pattern ROLE_ALIAS = Pattern.compile("[\\w=,@-]{1,128}");
  private static final Pattern THING_NAME = Pattern.compile("[a-zA-Z0-9:_-]{1,128}");

  public CredentialsRequest {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(roleAlias, "roleAlias");
    Objects.requireNonNull(thingName, "thingName");
    if (!HOST_PORT.matcher(endpoint).matches()) {
      throw new IllegalArgumentException(
          "credentials endpoint '"
              + endpoint
              + "' must be a host name with an optional :port, without https:// or a path");
    }
    if (!ROLE_ALIAS.matcher(roleAlias).matches()) {
      throw new IllegalArgumentException(
          "role alias '" + roleAlias + "' must match [\\w=,@-]{1,128}");
    }
    if (!THING_NAME.matcher(thingName).matches()) {
      throw new IllegalArgumentException(
          "thing name '" + thingName + "' must match [a-zA-Z0-9:_-]{1,128}");
    }
  }

  /** Host part of the endpoint: what SNI and hostname verification use. */
  public String host() {
    int colon = endpoint.indexOf(':');
    return colon < 0 ? endpoint : endpoint.substring(0, colon);
  }

  URI uri() {
    return URI.create("https://" + endpoint + "/role-aliases/" + roleAlias + "/credentials");
  }
}
