package io.camappliance.sdp;

/** The media direction attributes of RFC 8866 §6.7; {@link #SENDRECV} when none is given. */
public enum Direction {
  SENDRECV,
  SENDONLY,
  RECVONLY,
  INACTIVE;

  /** The attribute name, e.g. {@code sendonly}. */
  public String attribute() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Whether the offerer will receive media in this direction. */
  public boolean receives() {
    return this == SENDRECV || this == RECVONLY;
  }

  static Direction ofAttribute(String name) {
    return switch (name) {
      case "sendrecv" -> SENDRECV;
      case "sendonly" -> SENDONLY;
      case "recvonly" -> RECVONLY;
      case "inactive" -> INACTIVE;
      default -> null;
    };
  }
}
