package io.camappliance.ice;

/**
 * STUN attribute types this package reads or writes (RFC 8489 §18.3, RFC 8445 §16.1). Types below
 * {@code 0x8000} are comprehension-required: a message carrying one we do not know is refused;
 * types from {@code 0x8000} up are comprehension-optional and skipped.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |         Type                  |            Length             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                         Value (variable)                ....
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Length counts the value only; the value is padded to a multiple of four bytes.
 */
final class StunAttribute {
  private StunAttribute() {}

  static final int USERNAME = 0x0006;
  static final int MESSAGE_INTEGRITY = 0x0008;
  static final int ERROR_CODE = 0x0009;
  static final int UNKNOWN_ATTRIBUTES = 0x000A;
  static final int XOR_MAPPED_ADDRESS = 0x0020;
  static final int PRIORITY = 0x0024;
  static final int USE_CANDIDATE = 0x0025;
  static final int SOFTWARE = 0x8022;
  static final int FINGERPRINT = 0x8028;
  static final int ICE_CONTROLLED = 0x8029;
  static final int ICE_CONTROLLING = 0x802A;

  /** RFC 8489 §14.3: USERNAME is fewer than 509 bytes; we allow up to 513 (RFC 5389's limit). */
  static final int MAX_USERNAME = 513;

  /** RFC 8489 §14.8 and §14.14: reason phrase and SOFTWARE are fewer than 763 bytes. */
  static final int MAX_TEXT = 763;

  static boolean comprehensionRequired(int type) {
    return type < 0x8000;
  }

  static int padded(int length) {
    return (length + 3) & ~3;
  }
}
