package io.camappliance.rtp;

import java.util.ArrayList;
import java.util.List;

/** Writes down every callback as one readable line. */
final class RecordingVisitor implements RtcpVisitor {
  final List<String> events = new ArrayList<>();

  @Override
  public void senderReport(
      long senderSsrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount) {
    events.add(
        String.format(
            "SR from %x ntp %016x rtp %d packets %d octets %d",
            senderSsrc, ntpTimestamp, rtpTimestamp, packetCount, octetCount));
  }

  @Override
  public void receptionReport(
      long reporterSsrc,
      long sourceSsrc,
      int fractionLost,
      int cumulativeLost,
      long extendedHighestSequenceNumber,
      long jitter,
      long lastSenderReport,
      long delaySinceLastSenderReport) {
    events.add(
        String.format(
            "report from %x on %x fraction %d lost %d highest %d jitter %d lsr %08x dlsr %d",
            reporterSsrc,
            sourceSsrc,
            fractionLost,
            cumulativeLost,
            extendedHighestSequenceNumber,
            jitter,
            lastSenderReport,
            delaySinceLastSenderReport));
  }

  @Override
  public void nack(long senderSsrc, long mediaSsrc, int sequenceNumber) {
    events.add(String.format("NACK from %x on %x seq %d", senderSsrc, mediaSsrc, sequenceNumber));
  }

  @Override
  public void pictureLossIndication(long senderSsrc, long mediaSsrc) {
    events.add(String.format("PLI from %x on %x", senderSsrc, mediaSsrc));
  }

  @Override
  public void fullIntraRequest(long senderSsrc, long mediaSsrc, int commandSequenceNumber) {
    events.add(
        String.format("FIR from %x on %x seq %d", senderSsrc, mediaSsrc, commandSequenceNumber));
  }

  @Override
  public void receiverEstimatedMaxBitrate(long senderSsrc, long mediaSsrc, long bitsPerSecond) {
    events.add(String.format("REMB from %x on %x %d bit/s", senderSsrc, mediaSsrc, bitsPerSecond));
  }

  @Override
  public void bye(long ssrc) {
    events.add(String.format("BYE %x", ssrc));
  }

  @Override
  public void other(int packetType, int count, int offset, int length) {
    events.add(
        String.format("other PT %d count %d at %d, %d bytes", packetType, count, offset, length));
  }
}
