package io.camappliance.rtp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A strict receiver for tests (RFC 6184 non-interleaved mode): rebuilds the NAL units of one access
 * unit from RTP packets and fails on anything a browser would have to guess about — a gap in
 * sequence numbers, a fragment without its start, a timestamp change inside an access unit, a
 * packet after the marker.
 */
final class H264Depacketizer {
  private final List<byte[]> nals = new ArrayList<>();
  private ByteArrayOutputStream fragment;
  private int expectedSequence = -1;
  private long timestamp = -1;
  private boolean complete;

  /** Adds one RTP packet; returns true when it completed the access unit (marker bit). */
  boolean add(byte[] packet) {
    check(packet.length > RtpHeader.SIZE, "packet of %d bytes has no payload", packet.length);
    check((packet[0] & 0xFF) == 0x80, "first byte %02x is not V=2 without P, X, CC", packet[0]);
    check(!complete, "packet after the marker");
    int seq = RtpHeader.sequenceNumber(packet, 0);
    check(
        expectedSequence < 0 || seq == expectedSequence,
        "sequence %d, expected %d",
        seq,
        expectedSequence);
    expectedSequence = (seq + 1) & 0xFFFF;
    long ts = RtpHeader.timestamp(packet, 0);
    check(timestamp < 0 || ts == timestamp, "timestamp %d changed from %d", ts, timestamp);
    timestamp = ts;
    int p = RtpHeader.SIZE;
    int type = packet[p] & 0x1F;
    if (type == H264Packetizer.STAP_A) {
      check(fragment == null, "STAP-A inside a fragmented NAL unit");
      int i = p + 1;
      int nri = 0;
      while (i < packet.length) {
        check(i + 2 <= packet.length, "STAP-A size at %d runs past the packet", i);
        int size = ((packet[i] & 0xFF) << 8) | (packet[i + 1] & 0xFF);
        check(size > 0 && i + 2 + size <= packet.length, "STAP-A NAL size %d at %d", size, i);
        nals.add(Arrays.copyOfRange(packet, i + 2, i + 2 + size));
        nri = Math.max(nri, packet[i + 2] & 0x60);
        i += 2 + size;
      }
      check((packet[p] & 0x60) == nri, "STAP-A NRI %d, highest inside %d", packet[p] & 0x60, nri);
    } else if (type == H264Packetizer.FU_A) {
      check(packet.length > p + 2, "FU-A without fragment data");
      int header = packet[p + 1] & 0xFF;
      boolean start = (header & 0x80) != 0;
      boolean end = (header & 0x40) != 0;
      check((header & 0x20) == 0, "FU-A reserved bit set");
      check(!(start && end), "FU-A with both S and E: should have been a single NAL unit packet");
      if (start) {
        check(fragment == null, "FU-A start inside a fragmented NAL unit");
        fragment = new ByteArrayOutputStream();
        fragment.write((packet[p] & 0xE0) | (header & 0x1F));
      } else {
        check(fragment != null, "FU-A continuation without a start");
        byte[] sofar = fragment.toByteArray();
        check((sofar[0] & 0xE0) == (packet[p] & 0xE0), "F/NRI changed inside a fragmented NAL");
        check((sofar[0] & 0x1F) == (header & 0x1F), "type changed inside a fragmented NAL");
      }
      fragment.write(packet, p + 2, packet.length - p - 2);
      if (end) {
        nals.add(fragment.toByteArray());
        fragment = null;
      }
    } else {
      check(type >= 1 && type <= 23, "payload type %d is not a NAL unit, STAP-A or FU-A", type);
      check(fragment == null, "single NAL unit inside a fragmented NAL unit");
      nals.add(Arrays.copyOfRange(packet, p, packet.length));
    }
    if (RtpHeader.marker(packet, 0)) {
      check(fragment == null, "marker inside a fragmented NAL unit");
      complete = true;
    }
    return complete;
  }

  /** The NAL units of the completed access unit; the next packet starts a new one. */
  List<byte[]> take() {
    check(complete, "access unit has no marker yet");
    List<byte[]> out = new ArrayList<>(nals);
    nals.clear();
    complete = false;
    timestamp = -1;
    return out;
  }

  private static void check(boolean ok, String format, Object... args) {
    if (!ok) {
      throw new AssertionError(String.format(format, args));
    }
  }
}
