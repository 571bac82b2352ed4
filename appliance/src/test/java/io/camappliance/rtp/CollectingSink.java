package io.camappliance.rtp;

import io.camappliance.testing.Hex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Keeps a copy of every packet it is given. */
final class CollectingSink implements RtpPacketSink {
  final List<byte[]> packets = new ArrayList<>();

  @Override
  public void packet(byte[] buf, int off, int len) {
    packets.add(Arrays.copyOfRange(buf, off, off + len));
  }

  byte[] get(int i) {
    return packets.get(i);
  }

  int size() {
    return packets.size();
  }

  /** The RTP payload of packet {@code i}. */
  byte[] payload(int i) {
    byte[] p = packets.get(i);
    return Arrays.copyOfRange(p, RtpHeader.SIZE, p.length);
  }

  List<String> hex() {
    return packets.stream().map(Hex::of).toList();
  }
}
