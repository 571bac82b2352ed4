package io.camappliance.ice;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A host candidate of the single RTP/RTCP-muxed component, as an SDP {@code candidate} attribute
 * (RFC 8839 §5.1):
 *
 * <pre>
 *   candidate:&lt;foundation&gt; 1 udp &lt;priority&gt; &lt;address&gt; &lt;port&gt; typ host
 * </pre>
 *
 * Priority (RFC 8445 §5.1.2.1) = 2^24 × type preference + 2^8 × local preference + (256 − component
 * id), with type preference 126 for host candidates; the first address gets local preference 65535
 * and each next one one less, so a multi-homed device ranks its addresses distinctly. The first
 * candidate's priority is therefore 126 × 2^24 + 65535 × 2^8 + 255 = 2130706431. The foundation
 * (§5.1.1.3) must be equal for candidates of the same type, base address and transport and differ
 * otherwise: we use the CRC-32 of the address bytes in decimal.
 *
 * @param address the advertised address and the agent's port
 * @param localPreference 0–65535
 */
public record HostCandidate(InetSocketAddress address, int localPreference) {
  static final int TYPE_PREFERENCE_HOST = 126;
  static final int COMPONENT_ID = 1;

  public HostCandidate {
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("unresolved candidate address " + address);
    }
    if (localPreference < 0 || localPreference > 0xFFFF) {
      throw new IllegalArgumentException("local preference " + localPreference + " not 0-65535");
    }
  }

  /** Candidates for {@code addresses} in order, the first preferred. */
  public static List<HostCandidate> of(List<InetSocketAddress> addresses) {
    List<HostCandidate> out = new ArrayList<>(addresses.size());
    for (int i = 0; i < addresses.size(); i++) {
      out.add(new HostCandidate(addresses.get(i), Math.max(0, 0xFFFF - i)));
    }
    return out;
  }

  public long priority() {
    return ((long) TYPE_PREFERENCE_HOST << 24) + ((long) localPreference << 8) + 256 - COMPONENT_ID;
  }

  public String foundation() {
    CRC32 crc = new CRC32();
    crc.update(address.getAddress().getAddress());
    return Long.toString(crc.getValue());
  }

  /** The attribute value without {@code a=} and line end, e.g. for {@code a=candidate:...}. */
  public String toSdpAttribute() {
    return "candidate:"
        + foundation()
        + " "
        + COMPONENT_ID
        + " udp "
        + priority()
        + " "
        + hostString()
        + " "
        + address.getPort()
        + " typ host";
  }

  private String hostString() {
    String host = address.getAddress().getHostAddress();
    int scope = address.getAddress() instanceof Inet6Address ? host.indexOf('%') : -1;
    return scope < 0 ? host : host.substring(0, scope);
  }
}
