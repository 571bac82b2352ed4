package io.camappliance.ice;

import java.util.HexFormat;

/** Reads one attribute's value out of an encoded message, for assertions. */
final class HexFormatHelper {
  private HexFormatHelper() {}

  /** The hex value of the first attribute of {@code type}, or null. */
  static String attribute(byte[] message, int type) {
    int pos = StunMessage.HEADER_LENGTH;
    while (pos + 4 <= message.length) {
      int t = StunMessage.u16(message, pos);
      int len = StunMessage.u16(message, pos + 2);
      if (t == type) {
        return HexFormat.of().formatHex(message, pos + 4, pos + 4 + len);
      }
      pos += 4 + StunAttribute.padded(len);
    }
    return null;
  }
}
