package io.camappliance.sdp;

/**
 * An RTP header extension mapping, {@code a=extmap:<id>[/<direction>] <uri> [<attributes>]} (RFC
 * 8285 §8). {@code direction} and {@code attributes} are null when absent.
 */
public record Extmap(int id, String direction, String uri, String attributes) {
  /**
   * Ids 1-14 fit the one-byte header, up to 255 the two-byte one; 4096-4351 are for negotiation.
   */
  static final int MAX_ID = 4351;

  static Extmap parse(String value, int line, String text) throws SdpException {
    String[] parts = value.split(" ", 3);
    if (parts.length < 2 || parts[1].isEmpty()) {
      throw SdpException.at(line, text, "extmap needs '<id>[/<direction>] <uri>'");
    }
    String id = parts[0];
    String direction = null;
    int slash = id.indexOf('/');
    if (slash >= 0) {
      direction = id.substring(slash + 1);
      id = id.substring(0, slash);
      if (Direction.ofAttribute(direction) == null) {
        throw SdpException.at(
            line, text, "extmap direction '" + direction + "' is not a direction");
      }
    }
    long n = SdpLines.number(id, MAX_ID);
    if (n < 1) {
      throw SdpException.at(line, text, "extmap id '" + id + "' is not 1.." + MAX_ID);
    }
    return new Extmap((int) n, direction, parts[1], parts.length == 3 ? parts[2] : null);
  }
}
