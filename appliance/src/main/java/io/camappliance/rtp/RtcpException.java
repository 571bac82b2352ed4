package io.camappliance.rtp;

/**
 * A malformed RTCP packet: a bad version, a length that runs past the datagram, a count of report
 * blocks or feedback entries the packet has no room for. The message names the offset (from the
 * start of the compound packet) and the offending values.
 *
 * <p>Checked on purpose: RTCP comes from the network, and the session must decide what a bad
 * datagram means (count it, drop it) rather than let it escape its receive loop.
 */
public final class RtcpException extends Exception {
  private final int offset;

  public RtcpException(int offset, String message) {
    super("RTCP at offset " + offset + ": " + message);
    this.offset = offset;
  }

  /** Where in the compound packet the problem is, from its first byte. */
  public int offset() {
    return offset;
  }
}
