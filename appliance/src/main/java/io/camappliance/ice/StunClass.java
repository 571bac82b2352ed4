package io.camappliance.ice;

/**
 * The class of a STUN message (RFC 8489 §5): two bits, C1 and C0, spread over the message type.
 *
 * <pre>
 *   0                 1
 *   2  3  4 5 6 7 8 9 0 1 2 3 4 5
 *  +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |M |M |M|M|M|C|M|M|M|C|M|M|M|M|
 *  |11|10|9|8|7|1|6|5|4|0|3|2|1|0|
 *  +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public enum StunClass {
  REQUEST,
  INDICATION,
  SUCCESS_RESPONSE,
  ERROR_RESPONSE;

  private static final StunClass[] BY_BITS = values();

  /** The two class bits C1 C0 as a number 0–3. */
  int bits() {
    return ordinal();
  }

  static StunClass ofBits(int bits) {
    return BY_BITS[bits & 0x3];
  }
}
