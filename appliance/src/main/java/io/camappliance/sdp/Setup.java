package io.camappliance.sdp;

/**
 * The DTLS role attribute {@code a=setup} (RFC 8842 §5, RFC 4145 §4): the offerer says {@link
 * #ACTPASS}; the camera always answers {@link #PASSIVE} and is the DTLS server.
 */
public enum Setup {
  ACTIVE,
  PASSIVE,
  ACTPASS,
  HOLDCONN;

  /** The attribute value, e.g. {@code actpass}. */
  public String value() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  static Setup ofValue(String value) {
    return switch (value) {
      case "active" -> ACTIVE;
      case "passive" -> PASSIVE;
      case "actpass" -> ACTPASS;
      case "holdconn" -> HOLDCONN;
      default -> null;
    };
  }
}
