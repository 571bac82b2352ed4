package io.camappliance.srtp;

/**
 * The replay list of RFC 3711 §3.3.2 as a 64-packet sliding bitmask over packet indices (48-bit
 * SRTP or 31-bit SRTCP). Bit {@code d} of {@code seen} records whether index {@code highest - d}
 * was accepted. Only authenticated packets are {@link #accept accepted}, so a forged packet never
 * moves the window.
 */
final class ReplayWindow {
  static final int SIZE = 64;
  static final int FRESH = 0;

  private long highest = -1;
  private long seen;

  /** The highest accepted index, or -1 before the first. */
  long highest() {
    return highest;
  }

  /** {@link #FRESH}, {@link SrtpContext#REPLAYED} or {@link SrtpContext#TOO_OLD}. */
  int check(long index) {
    if (highest < 0 || index > highest) {
      return FRESH;
    }
    long behind = highest - index;
    if (behind >= SIZE) {
      return SrtpContext.TOO_OLD;
    }
    return (seen >>> behind & 1) != 0 ? SrtpContext.REPLAYED : FRESH;
  }

  void accept(long index) {
    if (highest < 0) {
      highest = index;
      seen = 1;
    } else if (index > highest) {
      long shift = index - highest;
      seen = shift >= SIZE ? 1 : seen << shift | 1;
      highest = index;
    } else {
      seen |= 1L << (highest - index);
    }
  }
}
