package io.camappliance.rtp;

/**
 * Receives one complete RTP packet (fixed header first) as a slice of a buffer the caller reuses:
 * copy or send the bytes before returning, never keep the array.
 */
@FunctionalInterface
public interface RtpPacketSink {
  void packet(byte[] buf, int off, int len);
}
