package io.camappliance.rtp;

/**
 * Receives what {@link RtcpParser} finds in a compound RTCP packet, in packet order. Every method
 * has an empty default, so a visitor implements only what it uses. SSRCs, timestamps and counts
 * arrive as unsigned values in {@code long}s; nothing is allocated per packet.
 */
public interface RtcpVisitor {

  /** The sender information of a sender report (RFC 3550 §6.4.1). */
  default void senderReport(
      long senderSsrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount) {}

  /**
   * One reception report block of a receiver or sender report (RFC 3550 §6.4.1): how the stream
   * {@code sourceSsrc} reaches {@code reporterSsrc}. The round trip is {@link
   * NtpTime#roundTripMicros NtpTime.roundTripMicros(arrival, lastSenderReport,
   * delaySinceLastSenderReport)}.
   *
   * @param fractionLost packets lost since the previous report, in 1/256, 0..255
   * @param cumulativeLost packets lost since the start, a signed 24-bit value (duplicates can make
   *     it negative)
   * @param extendedHighestSequenceNumber cycles × 65536 + highest sequence number received
   * @param jitter interarrival jitter in RTP timestamp units
   * @param lastSenderReport LSR: compact NTP time of the last sender report received, 0 if none
   * @param delaySinceLastSenderReport DLSR: 1/65536 s between that report and this one
   */
  default void receptionReport(
      long reporterSsrc,
      long sourceSsrc,
      int fractionLost,
      int cumulativeLost,
      long extendedHighestSequenceNumber,
      long jitter,
      long lastSenderReport,
      long delaySinceLastSenderReport) {}

  /**
   * One lost packet of a Generic NACK (RFC 4585 §6.2.1): called for the PID and for every set bit
   * of the BLP, in increasing order, sequence numbers wrapping at 65535.
   */
  default void nack(long senderSsrc, long mediaSsrc, int sequenceNumber) {}

  /** A Picture Loss Indication (RFC 4585 §6.3.1): send a keyframe. */
  default void pictureLossIndication(long senderSsrc, long mediaSsrc) {}

  /**
   * One entry of a Full Intra Request (RFC 5104 §4.3.1): send a keyframe to {@code mediaSsrc},
   * unless {@code commandSequenceNumber} (0..255) repeats the previous request.
   */
  default void fullIntraRequest(long senderSsrc, long mediaSsrc, int commandSequenceNumber) {}

  /**
   * A Receiver Estimated Maximum Bitrate (draft-alvestrand-rmcat-remb), once per SSRC it lists; a
   * REMB listing none is reported once with the packet's media source field ({@code 0}).
   *
   * @param bitsPerSecond mantissa × 2^exponent, {@code Long.MAX_VALUE} if that does not fit
   */
  default void receiverEstimatedMaxBitrate(long senderSsrc, long mediaSsrc, long bitsPerSecond) {}

  /** A BYE (RFC 3550 §6.6), once per SSRC that leaves. */
  default void bye(long ssrc) {}

  /**
   * Any other well-formed packet (SDES, APP, XR, transport-wide feedback, ...), skipped.
   *
   * @param count the header's 5-bit count or FMT field
   * @param offset where the packet starts in the compound
   * @param length the packet's size in bytes, header included
   */
  default void other(int packetType, int count, int offset, int length) {}
}
