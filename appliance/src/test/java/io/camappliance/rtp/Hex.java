package io.camappliance.rtp;

import java.util.HexFormat;

/** Hex strings with spaces allowed, for readable golden byte tables. */
final class Hex {
  private Hex() {}

  static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  static String of(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  static String of(byte[] b, int off, int len) {
    return HexFormat.of().formatHex(b, off, off + len);
  }
}
