package io.camappliance.rtp;

import java.util.Arrays;

/**
 * The last packets one stream sent, kept byte for byte so that a Generic NACK (RFC 4585 §6.2.1) can
 * be answered by sending the same packet again. Without RTX (RFC 4588) a retransmission is the
 * original packet, same sequence number, same bytes; it is protected by SRTP afresh like any
 * packet.
 *
 * <p>A ring of {@code capacity} slots (a power of two) indexed by the low bits of the sequence
 * number; each slot remembers which sequence number it holds, so a NACK for a packet that has
 * already been overwritten, or was never sent, finds nothing. 512 packets of 1212 bytes hold about
 * 0.6 MB, some 3 s of a 2 Mbit/s stream: longer than any useful retransmission (a NACK arriving
 * later than a round trip or two is answered with a keyframe instead). All memory is taken in the
 * constructor; {@link #add} and {@link #resend} do not allocate. Not thread-safe: one owner per
 * stream.
 */
public final class RtpPacketHistory {

  /** The default number of packets kept. */
  public static final int DEFAULT_CAPACITY = 512;

  private final byte[][] slots;
  private final int[] lengths;
  private final int[] sequenceNumbers;
  private final int mask;
  private final int maxPacketSize;

  /**
   * @param capacity packets kept, a power of two from 1 to 65536
   * @param maxPacketSize the largest packet that will be added, e.g. {@link
   *     H264Packetizer#maxPacketSize()}
   */
  public RtpPacketHistory(int capacity, int maxPacketSize) {
    if (capacity < 1 || capacity > 65536 || Integer.bitCount(capacity) != 1) {
      throw new IllegalArgumentException(
          "history capacity " + capacity + " is not a power of two from 1 to 65536");
    }
    if (maxPacketSize < RtpHeader.SIZE) {
      throw new IllegalArgumentException(
          "largest packet size " + maxPacketSize + " is smaller than an RTP header");
    }
    this.slots = new byte[capacity][maxPacketSize];
    this.lengths = new int[capacity];
    this.sequenceNumbers = new int[capacity];
    Arrays.fill(sequenceNumbers, -1);
    this.mask = capacity - 1;
    this.maxPacketSize = maxPacketSize;
  }

  /** Copies a sent packet (fixed header first) into the history, replacing the oldest. */
  public void add(byte[] packet, int off, int len) {
    if (len < RtpHeader.SIZE || len > maxPacketSize) {
      throw new IllegalArgumentException(
          "packet of " + len + " bytes is outside " + RtpHeader.SIZE + ".." + maxPacketSize);
    }
    int seq = RtpHeader.sequenceNumber(packet, off);
    int slot = seq & mask;
    System.arraycopy(packet, off, slots[slot], 0, len);
    lengths[slot] = len;
    sequenceNumbers[slot] = seq;
  }

  /** True when the packet with this sequence number (0..65535) is still held. */
  public boolean contains(int sequenceNumber) {
    return sequenceNumbers[sequenceNumber & mask] == sequenceNumber;
  }

  /**
   * Hands the stored packet with this sequence number to {@code sink}, unchanged.
   *
   * @return false when it is not held (never sent, or overwritten by newer packets)
   */
  public boolean resend(int sequenceNumber, RtpPacketSink sink) {
    int slot = sequenceNumber & mask;
    if (sequenceNumbers[slot] != sequenceNumber) {
      return false;
    }
    sink.packet(slots[slot], 0, lengths[slot]);
    return true;
  }

  /** Forgets every packet, e.g. when the stream restarts with a new SSRC. */
  public void clear() {
    Arrays.fill(sequenceNumbers, -1);
  }

  public int capacity() {
    return slots.length;
  }
}
