package io.camappliance.testing;

import java.util.HexFormat;

/** Hex strings with spaces and line breaks allowed, for readable golden byte tables. */
public final class Hex {
  private Hex() {}

  public static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex.replaceAll("\\s", ""));
  }

  public static String of(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  public static String of(byte[] b, int off, int len) {
    return HexFormat.of().formatHex(b, off, off + len);
  }
}
