package io.camappliance.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An ICE candidate, the value of {@code a=candidate} (RFC 8839 §5.1):
 *
 * <pre>
 * candidate:&lt;foundation&gt; &lt;component&gt; &lt;transport&gt; &lt;priority&gt; &lt;address&gt; &lt;port&gt; typ &lt;type&gt;
 *           [raddr &lt;address&gt;] [rport &lt;port&gt;] *(&lt;extension name&gt; &lt;extension value&gt;)
 *
 * candidate:1387637174 1 udp 2122260223 192.0.2.1 61764 typ host generation 0 network-id 1
 * </pre>
 *
 * {@code relatedAddress} is null and {@code relatedPort} is -1 when absent; {@code extensions}
 * (e.g. {@code tcptype}, {@code generation}, {@code ufrag}) keep their order. The address may be an
 * IPv4 or IPv6 literal or a host name (browsers hide local addresses behind mDNS {@code .local}
 * names).
 */
public record Candidate(
    String foundation,
    int component,
    String transport,
    long priority,
    String address,
    int port,
    String type,
    String relatedAddress,
    int relatedPort,
    Map<String, String> extensions) {

  /** RFC 8445 §5.1.2.2: type preference 126 for host candidates. */
  public static final int HOST_TYPE_PREFERENCE = 126;

  private static final int MAX_FOUNDATION = 32;
  private static final int MAX_ADDRESS = 255;
  private static final int MAX_EXTENSIONS = 32;

  public Candidate {
    String problem =
        problem(
            foundation,
            component,
            transport,
            priority,
            address,
            port,
            type,
            relatedAddress,
            relatedPort);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
  }

  /**
   * Our host candidate: {@code candidate:<foundation> <component> udp <priority> <address> <port>
   * typ host}.
   */
  public static Candidate host(
      String foundation, int component, String address, int port, long priority) {
    return new Candidate(
        foundation, component, "udp", priority, address, port, "host", null, -1, Map.of());
  }

  /**
   * RFC 8445 §5.1.2.1: {@code priority = 2^24 * type preference + 2^8 * local preference + (256 -
   * component)}, with type preference 0..126 and local preference 0..65535.
   */
  public static long priority(int typePreference, int localPreference, int component) {
    if (typePreference < 0 || typePreference > 126) {
      throw new IllegalArgumentException("type preference " + typePreference + " is not 0..126");
    }
    if (localPreference < 0 || localPreference > 65535) {
      throw new IllegalArgumentException(
          "local preference " + localPreference + " is not 0..65535");
    }
    if (component < 1 || component > 256) {
      throw new IllegalArgumentException("component " + component + " is not 1..256");
    }
    return (long) typePreference << 24 | (long) localPreference << 8 | (256 - component);
  }

  /** Whether the transport is UDP (browsers write {@code udp}, the RFC {@code UDP}). */
  public boolean isUdp() {
    return transport.equalsIgnoreCase("udp");
  }

  /**
   * Parses a candidate from {@code candidate:...}, {@code a=candidate:...} or the bare fields.
   *
   * @throws SdpException naming the field that is wrong
   */
  public static Candidate parse(String value) throws SdpException {
    return parse(value, 0, value);
  }

  static Candidate parse(String value, int line, String text) throws SdpException {
    String v = value;
    if (v.startsWith("a=")) {
      v = v.substring(2);
    }
    if (v.startsWith("candidate:")) {
      v = v.substring("candidate:".length());
    }
    String[] f = v.split(" ", -1);
    if (f.length < 8) {
      throw problem(
          line,
          text,
          "candidate needs '<foundation> <component> <transport> <priority> <address> <port> typ"
              + " <type>', found "
              + f.length
              + " fields");
    }
    long component = SdpLines.number(f[1], 256);
    if (component < 1) {
      throw problem(line, text, "candidate component '" + f[1] + "' is not 1..256");
    }
    long priority = SdpLines.number(f[3], 0xFFFF_FFFFL);
    if (priority < 0) {
      throw problem(line, text, "candidate priority '" + f[3] + "' is not 0..4294967295");
    }
    long port = SdpLines.number(f[5], 65535);
    if (port < 0) {
      throw problem(line, text, "candidate port '" + f[5] + "' is not 0..65535");
    }
    if (!f[6].equals("typ")) {
      throw problem(line, text, "candidate has '" + f[6] + "' where 'typ' belongs");
    }
    String relatedAddress = null;
    long relatedPort = -1;
    Map<String, String> extensions = new LinkedHashMap<>();
    int i = 8;
    if (i + 1 < f.length && f[i].equals("raddr")) {
      relatedAddress = f[i + 1];
      i += 2;
    }
    if (i + 1 < f.length && f[i].equals("rport")) {
      relatedPort = SdpLines.number(f[i + 1], 65535);
      if (relatedPort < 0) {
        throw problem(line, text, "candidate rport '" + f[i + 1] + "' is not 0..65535");
      }
      i += 2;
    }
    for (; i < f.length; i += 2) {
      if (i + 1 == f.length) {
        throw problem(line, text, "candidate extension '" + f[i] + "' has no value");
      }
      if (!SdpLines.isToken(f[i]) || f[i + 1].isEmpty()) {
        throw problem(
            line,
            text,
            "candidate extension '" + f[i] + " " + f[i + 1] + "' is not '<name> <value>'");
      }
      if (extensions.size() == MAX_EXTENSIONS) {
        throw problem(line, text, "candidate has more than " + MAX_EXTENSIONS + " extensions");
      }
      extensions.put(f[i], f[i + 1]);
    }
    String problem =
        problem(
            f[0],
            (int) component,
            f[2],
            priority,
            f[4],
            (int) port,
            f[7],
            relatedAddress,
            (int) relatedPort);
    if (problem != null) {
      throw problem(line, text, problem);
    }
    return new Candidate(
        f[0],
        (int) component,
        f[2],
        priority,
        f[4],
        (int) port,
        f[7],
        relatedAddress,
        (int) relatedPort,
        extensions);
  }

  /** The attribute value: {@code candidate:1 1 udp 2130706431 192.0.2.7 50000 typ host}. */
  public String format() {
    StringBuilder out = new StringBuilder("candidate:");
    out.append(foundation).append(' ').append(component).append(' ').append(transport);
    out.append(' ').append(priority).append(' ').append(address).append(' ').append(port);
    out.append(" typ ").append(type);
    if (relatedAddress != null) {
      out.append(" raddr ").append(relatedAddress);
    }
    if (relatedPort >= 0) {
      out.append(" rport ").append(relatedPort);
    }
    extensions.forEach((k, v) -> out.append(' ').append(k).append(' ').append(v));
    return out.toString();
  }

  private static SdpException problem(int line, String text, String detail) {
    return line > 0
        ? SdpException.at(line, text, detail)
        : new SdpException(SdpException.Reason.MALFORMED, detail);
  }

  private static String problem(
      String foundation,
      int component,
      String transport,
      long priority,
      String address,
      int port,
      String type,
      String relatedAddress,
      int relatedPort) {
    if (foundation.isEmpty()
        || foundation.length() > MAX_FOUNDATION
        || !SdpLines.isIceChars(foundation)) {
      return "candidate foundation '" + foundation + "' is not 1.." + MAX_FOUNDATION + " ice-chars";
    }
    if (component < 1 || component > 256) {
      return "candidate component " + component + " is not 1..256";
    }
    if (!SdpLines.isToken(transport)) {
      return "candidate transport '" + transport + "' is not a token";
    }
    if (priority < 0 || priority > 0xFFFF_FFFFL) {
      return "candidate priority " + priority + " is not 0..4294967295";
    }
    if (!isAddress(address)) {
      return "candidate address '" + address + "' is not an IP address or host name";
    }
    if (port < 0 || port > 65535) {
      return "candidate port " + port + " is not 0..65535";
    }
    if (!SdpLines.isToken(type)) {
      return "candidate type '" + type + "' is not a token";
    }
    if (relatedAddress != null && !isAddress(relatedAddress)) {
      return "candidate raddr '" + relatedAddress + "' is not an IP address or host name";
    }
    if (relatedPort < -1 || relatedPort > 65535) {
      return "candidate rport " + relatedPort + " is not 0..65535";
    }
    return null;
  }

  /** IPv4, IPv6 (with an optional zone) or a host name: letters, digits and {@code .:-_%}. */
  private static boolean isAddress(String s) {
    if (s.isEmpty() || s.length() > MAX_ADDRESS) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || ".:-_%".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
