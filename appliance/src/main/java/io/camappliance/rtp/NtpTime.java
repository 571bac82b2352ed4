package io.camappliance.rtp;

/**
 * NTP timestamps as RTCP carries them (RFC 3550 §4): 64-bit fixed point seconds since 1900-01-01
 * UTC, and the "compact" middle 32 bits that reception reports echo as LSR and count DLSR in.
 *
 * <pre>
 *  full (sender report)      | seconds since 1900 (32) | fraction of a second (32) |
 *  compact (LSR, DLSR)                 | low 16 of seconds | high 16 of fraction |
 * </pre>
 */
public final class NtpTime {
  private NtpTime() {}

  /** Seconds from 1900-01-01 to 1970-01-01: {@code (70 × 365 + 17 leap days) × 86 400}. */
  static final long UNIX_EPOCH_SECONDS = (70L * 365 + 17) * 86_400;

  /** The 64-bit NTP timestamp of a wall-clock time given in epoch microseconds. */
  public static long fromEpochMicros(long epochMicros) {
    long seconds = Math.floorDiv(epochMicros, 1_000_000) + UNIX_EPOCH_SECONDS;
    long micros = Math.floorMod(epochMicros, 1_000_000);
    long fraction = (micros << 32) / 1_000_000;
    return (seconds << 32) | fraction;
  }

  /** The middle 32 bits of a 64-bit NTP timestamp, in units of 1/65536 s. */
  public static long compact(long ntpTimestamp) {
    return (ntpTimestamp >>> 16) & 0xFFFF_FFFFL;
  }

  /**
   * The round-trip time a reception report reveals (RFC 3550 §6.4.1): {@code A − LSR − DLSR}, where
   * A is the compact NTP time the report arrived, all in 1/65536 s, modulo 2^32.
   *
   * @param arrival compact NTP time of arrival, e.g. {@code compact(fromEpochMicros(now))}
   * @param lastSenderReport the block's LSR: the compact NTP time of our last sender report
   * @param delaySinceLastSenderReport the block's DLSR, in 1/65536 s
   * @return the round trip in microseconds; -1 when LSR is 0 (no sender report received yet); 0
   *     when the difference is negative (the receiver's delay exceeds the time that passed)
   */
  public static long roundTripMicros(
      long arrival, long lastSenderReport, long delaySinceLastSenderReport) {
    if (lastSenderReport == 0) {
      return -1;
    }
    long units = (arrival - lastSenderReport - delaySinceLastSenderReport) & 0xFFFF_FFFFL;
    if (units >= 0x8000_0000L) {
      return 0;
    }
    return units * 1_000_000 / 65_536;
  }
}
