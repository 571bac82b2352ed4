package io.camappliance.sdp;

/**
 * One {@code a=} line as written (RFC 8866 §5.13): {@code a=<name>} (a property attribute, {@code
 * value} is null) or {@code a=<name>:<value>}. Every attribute is kept, known or not, in order.
 */
public record Attribute(String name, String value) {

  /** The line without {@code a=}. */
  public String format() {
    return value == null ? name : name + ":" + value;
  }
}
