package io.camappliance.sdp;

/**
 * The origin line {@code o=<username> <sess-id> <sess-version> <nettype> <addrtype> <address>} (RFC
 * 8866 §5.2). The session id and version stay text: Chromium writes 19-digit numbers and the
 * grammar allows more digits than a {@code long} holds.
 */
public record Origin(
    String username,
    String sessionId,
    String sessionVersion,
    String netType,
    String addressType,
    String address) {

  static Origin parse(String value, int line, String text) throws SdpException {
    String[] f = value.split(" ", -1);
    if (f.length != 6) {
      throw SdpException.at(
          line,
          text,
          "o= needs 6 fields '<username> <sess-id> <sess-version> <nettype> <addrtype> <address>',"
              + " found "
              + f.length);
    }
    for (String field : f) {
      if (field.isEmpty()) {
        throw SdpException.at(line, text, "o= has an empty field (two spaces in a row?)");
      }
    }
    if (!digits(f[1]) || !digits(f[2])) {
      throw SdpException.at(line, text, "o= session id and version must be decimal numbers");
    }
    return new Origin(f[0], f[1], f[2], f[3], f[4], f[5]);
  }

  private static boolean digits(String s) {
    if (s.length() > 32) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
