package io.camappliance.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address written as a literal. Checked by syntax before {@link
 * InetAddress#getByName} so that a host name never reaches a DNS lookup while the configuration is
 * loaded.
 */
final class IpLiteral {
  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

  private IpLiteral() {}

  /** The address, or null when {@code s} is not an IP literal. */
  static InetAddress parse(String s) {
    var m = IPV4.matcher(s);
    if (m.matches()) {
      for (int g = 1; g <= 4; g++) {
        if (Integer.parseInt(m.group(g)) > 255) {
          return null;
        }
      }
    } else if (!IPV6.matcher(s).matches()) {
      return null;
    }
    try {
      return InetAddress.getByName(s);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** Why {@code s} is not an IP literal, or null when it is. */
  static String problem(String s) {
    return parse(s) == null ? "not an IP address (e.g. 192.168.1.20 or fd00::20)" : null;
  }
}
