package io.camappliance.sdp;

/**
 * {@code a=rtpmap:<payload type> <encoding name>/<clock rate>[/<channels>]} (RFC 8866 §6.6); {@code
 * channels} is 0 when absent.
 */
public record RtpMap(int payloadType, String encodingName, int clockRate, int channels) {

  /** The attribute value, e.g. {@code 102 H264/90000}. */
  public String format() {
    return payloadType
        + " "
        + encodingName
        + "/"
        + clockRate
        + (channels > 0 ? "/" + channels : "");
  }

  static RtpMap parse(String value, int line, String text) throws SdpException {
    int space = value.indexOf(' ');
    if (space < 0) {
      throw SdpException.at(line, text, "rtpmap needs '<payload type> <name>/<clock rate>'");
    }
    long pt = SdpLines.number(value.substring(0, space), 127);
    if (pt < 0) {
      throw SdpException.at(
          line, text, "rtpmap payload type '" + value.substring(0, space) + "' is not 0..127");
    }
    String[] parts = value.substring(space + 1).split("/", -1);
    if (parts.length < 2 || parts.length > 3 || !SdpLines.isToken(parts[0])) {
      throw SdpException.at(line, text, "rtpmap encoding must be <name>/<clock rate>[/<channels>]");
    }
    long clock = SdpLines.number(parts[1], Integer.MAX_VALUE);
    if (clock <= 0) {
      throw SdpException.at(
          line, text, "rtpmap clock rate '" + parts[1] + "' is not a positive number");
    }
    long channels = parts.length == 3 ? SdpLines.number(parts[2], 255) : 0;
    if (channels < 0 || (parts.length == 3 && channels == 0)) {
      throw SdpException.at(line, text, "rtpmap channels '" + parts[2] + "' is not 1..255");
    }
    return new RtpMap((int) pt, parts[0], (int) clock, (int) channels);
  }
}
