package io.camappliance.ice;

/**
 * A datagram that is not a well-formed STUN message (RFC 8489): a short header, a bad magic cookie,
 * an attribute running past the message, a known attribute with the wrong length. The message names
 * the offset and the offending values.
 *
 * <p>Checked on purpose: the bytes come from the network, and every caller decides what a bad
 * message means for it (the agent drops and counts it).
 */
public final class StunException extends Exception {
  public StunException(String message) {
    super(message);
  }
}
