package io.camappliance.rtp;

import io.camappliance.h264.AnnexB;
import io.camappliance.h264.NalUnitType;
import io.camappliance.h264.NalUnitVisitor;
import io.camappliance.media.EncodedFrame;
import io.camappliance.media.VideoFormat;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Turns H.264 access units into RTP packets (RFC 6184, non-interleaved mode, packetization-mode=1)
 * for one outgoing stream: one SSRC, one sequence number space, one timestamp offset.
 *
 * <p>Per access unit, in order:
 *
 * <ul>
 *   <li>Access unit delimiters and filler data are dropped: they carry no picture and RTP marks
 *       access unit boundaries itself (the M bit, the timestamp).
 *   <li>SPS and PPS are not sent where they appear; the latest of each (in-band, or from the
 *       stream's {@link VideoFormat}) is sent as one STAP-A in front of every IDR access unit, and
 *       in front of any access unit that carried new parameter sets, so that a browser joining
 *       mid-stream can decode from the next IDR.
 *   <li>Every other NAL unit, SEI included (it carries the frame stamp), goes as a single NAL unit
 *       packet when it fits the payload budget, else as FU-A fragments.
 *   <li>The last packet of the access unit has the marker bit; all packets share the timestamp, the
 *       frame's PTS on a 90 kHz clock plus this stream's offset.
 * </ul>
 *
 * <pre>
 * Single NAL unit packet (§5.6)        STAP-A (§5.7.1)
 * +---------------+-------------+      +-----------+---------+---------+---------+---------+--
 * | NAL header    | NAL payload |      | F|NRI|24  | size 16 | NAL 1   | size 16 | NAL 2   | ...
 * +---------------+-------------+      +-----------+---------+---------+---------+---------+--
 *                                        NRI = the highest NRI of the aggregated NAL units
 * FU-A (§5.8)
 * +---------------+---------------+------------------------+
 * | FU indicator  | FU header     | fragment of NAL payload |  the NAL header byte itself is not
 * | F|NRI|28      | S|E|R|Type    |                        |  sent: F and NRI travel in the
 * +---------------+---------------+------------------------+  indicator, the type in the FU header
 *   S = first fragment, E = last fragment, R = 0
 * </pre>
 *
 * <p>Packets are built in one reusable buffer and handed to an {@link RtpPacketSink} one at a time;
 * after the first few frames (the NAL index and parameter set buffers have grown to size)
 * packetizing allocates nothing. Not thread-safe: one owner per stream.
 */
public final class H264Packetizer {

  /**
   * The default RTP payload budget: {@code 1200 = 1280 (IPv6 minimum MTU, the one size every path
   * carries) − 40 (IPv6) − 8 (UDP) − 4 (TURN ChannelData) − 12 (RTP) − 16 (SRTP tag, AES-GCM)}.
   */
  public static final int DEFAULT_PAYLOAD_BUDGET = 1200;

  /** The smallest budget that still carries one byte of a FU-A fragment (indicator, header). */
  public static final int MIN_PAYLOAD_BUDGET = 3;

  /**
   * The largest budget: {@code 65 479 = 65 507 (largest IPv4 UDP payload) − 12 (RTP) − 16 (SRTP
   * tag)}.
   */
  public static final int MAX_PAYLOAD_BUDGET = 65_479;

  /** RTP clock rate of H.264 video (RFC 6184 §8.2.1). */
  public static final int CLOCK_RATE = 90_000;

  static final int STAP_A = 24;
  static final int FU_A = 28;

  private final int payloadType;
  private final long ssrc;
  private final int timestampOffset;
  private final int payloadBudget;
  private final byte[] packet;
  private int sequenceNumber;
  private long packetCount;
  private long payloadOctetCount;

  private byte[] sps = new byte[64];
  private int spsLength;
  private byte[] pps = new byte[16];
  private int ppsLength;
  private VideoFormat lastFormat;

  // Pass one indexes the access unit's NAL units here, so pass two knows which packet is the last.
  private int[] nalOffsets = new int[16];
  private int[] nalLengths = new int[16];
  private int nalCount;
  private final NalUnitVisitor indexer = this::index;

  /**
   * @param payloadType the dynamic payload type the SDP answer gave H.264, 0..127
   * @param ssrc this stream's synchronization source (low 32 bits used)
   * @param firstSequenceNumber the sequence number of the first packet (low 16 bits used)
   * @param timestampOffset added to every 90 kHz timestamp (RFC 3550 §5.1: random in production)
   * @param payloadBudget the most RTP payload bytes per packet, {@value
   *     #MIN_PAYLOAD_BUDGET}..{@value #MAX_PAYLOAD_BUDGET}; usually {@link #DEFAULT_PAYLOAD_BUDGET}
   */
  public H264Packetizer(
      int payloadType, long ssrc, int firstSequenceNumber, int timestampOffset, int payloadBudget) {
    if (payloadType < 0 || payloadType > 127) {
      throw new IllegalArgumentException("payload type " + payloadType + " is outside 0..127");
    }
    if (payloadBudget < MIN_PAYLOAD_BUDGET || payloadBudget > MAX_PAYLOAD_BUDGET) {
      throw new IllegalArgumentException(
          "RTP payload budget "
              + payloadBudget
              + " is outside "
              + MIN_PAYLOAD_BUDGET
              + ".."
              + MAX_PAYLOAD_BUDGET);
    }
    this.payloadType = payloadType;
    this.ssrc = ssrc & 0xFFFF_FFFFL;
    this.sequenceNumber = firstSequenceNumber & 0xFFFF;
    this.timestampOffset = timestampOffset;
    this.payloadBudget = payloadBudget;
    this.packet = new byte[RtpHeader.SIZE + payloadBudget];
  }

  /**
   * A packetizer whose first sequence number and timestamp offset are random, as RFC 3550 §5.1 asks
   * (it makes known-plaintext attacks on SRTP harder), with the default payload budget.
   */
  public static H264Packetizer withRandomStart(int payloadType, long ssrc, RandomGenerator random) {
    return new H264Packetizer(
        payloadType, ssrc, random.nextInt(1 << 16), random.nextInt(), DEFAULT_PAYLOAD_BUDGET);
  }

  /**
   * Uses these parameter sets (NAL units, header byte included) in the STAP-A before the next IDR,
   * until in-band ones or another format replace them.
   */
  public void parameterSets(byte[] sps, byte[] pps) {
    if (sps.length == 0 || NalUnitType.of(sps[0]) != NalUnitType.SPS) {
      throw new IllegalArgumentException(
          "SPS must be a NAL unit of type 7, got " + describe(sps, sps.length));
    }
    if (pps.length == 0 || NalUnitType.of(pps[0]) != NalUnitType.PPS) {
      throw new IllegalArgumentException(
          "PPS must be a NAL unit of type 8, got " + describe(pps, pps.length));
    }
    rememberSps(sps, 0, sps.length);
    rememberPps(pps, 0, pps.length);
  }

  /**
   * Packetizes one encoded frame, taking the parameter sets from its format when the format is a
   * new instance.
   *
   * @return the number of packets handed to {@code sink}
   */
  public int packetize(EncodedFrame frame, RtpPacketSink sink) {
    VideoFormat format = frame.format();
    if (format != null && format != lastFormat) {
      lastFormat = format;
      byte[] s = format.sps();
      byte[] p = format.pps();
      if (s.length > 0 && p.length > 0) {
        parameterSets(s, p);
      }
    }
    return packetize(frame.data(), 0, frame.length(), frame.ptsMicros(), sink);
  }

  /**
   * Packetizes the Annex-B access unit {@code au[off, off+len)} presented at {@code ptsMicros}. An
   * access unit with nothing to send (only delimiters, say) produces no packet.
   *
   * @return the number of packets handed to {@code sink}
   */
  public int packetize(byte[] au, int off, int len, long ptsMicros, RtpPacketSink sink) {
    if (off < 0 || len < 0 || off > au.length - len) {
      throw new IllegalArgumentException(
          "access unit [" + off + ", +" + len + ") is outside its buffer of " + au.length);
    }
    nalCount = 0;
    AnnexB.forEachNalUnit(au, off, len, indexer);

    boolean idr = false;
    boolean newParameterSets = false;
    int last = -1;
    for (int i = 0; i < nalCount; i++) {
      int type = NalUnitType.of(au[nalOffsets[i]]);
      switch (type) {
        case NalUnitType.SPS -> {
          rememberSps(au, nalOffsets[i], nalLengths[i]);
          newParameterSets = true;
        }
        case NalUnitType.PPS -> {
          rememberPps(au, nalOffsets[i], nalLengths[i]);
          newParameterSets = true;
        }
        case NalUnitType.AUD, NalUnitType.FILLER -> {}
        default -> {
          idr |= type == NalUnitType.IDR;
          last = i;
        }
      }
    }

    int timestamp = timestampAt(ptsMicros);
    int packets = 0;
    if ((idr || newParameterSets) && spsLength > 0 && ppsLength > 0) {
      packets += sendParameterSets(sink, timestamp, last < 0);
    }
    for (int i = 0; i <= last; i++) {
      int type = NalUnitType.of(au[nalOffsets[i]]);
      if (type == NalUnitType.SPS
          || type == NalUnitType.PPS
          || type == NalUnitType.AUD
          || type == NalUnitType.FILLER) {
        continue;
      }
      packets += sendNalUnit(sink, au, nalOffsets[i], nalLengths[i], timestamp, i == last);
    }
    return packets;
  }

  /** The RTP timestamp of a frame presented at {@code ptsMicros}: 90 kHz ticks plus the offset. */
  public int timestampAt(long ptsMicros) {
    // floor(pts × 90 000 / 10^6) = floor(pts × 9 / 100), split so that pts × 9 cannot overflow.
    long ticks = Math.floorDiv(ptsMicros, 100) * 9 + Math.floorMod(ptsMicros, 100) * 9 / 100;
    return (int) (timestampOffset + ticks);
  }

  /** The sequence number the next packet will carry, 0..65535. */
  public int nextSequenceNumber() {
    return sequenceNumber;
  }

  /** Packets produced so far (the sender report's packet count). */
  public long packetCount() {
    return packetCount;
  }

  /** RTP payload bytes produced so far, headers excluded (the sender report's octet count). */
  public long payloadOctetCount() {
    return payloadOctetCount;
  }

  public long ssrc() {
    return ssrc;
  }

  public int payloadType() {
    return payloadType;
  }

  public int payloadBudget() {
    return payloadBudget;
  }

  /** The largest packet this packetizer produces: header plus payload budget. */
  public int maxPacketSize() {
    return packet.length;
  }

  private void index(byte[] buf, int off, int len) {
    if (nalCount == nalOffsets.length) {
      nalOffsets = Arrays.copyOf(nalOffsets, nalCount * 2);
      nalLengths = Arrays.copyOf(nalLengths, nalCount * 2);
    }
    nalOffsets[nalCount] = off;
    nalLengths[nalCount] = len;
    nalCount++;
  }

  /** One STAP-A with SPS and PPS, or each alone when together they exceed the budget. */
  private int sendParameterSets(RtpPacketSink sink, int timestamp, boolean marker) {
    int size = 1 + 2 + spsLength + 2 + ppsLength;
    if (size > payloadBudget) {
      return sendNalUnit(sink, sps, 0, spsLength, timestamp, false)
          + sendNalUnit(sink, pps, 0, ppsLength, timestamp, marker);
    }
    int forbidden = (sps[0] | pps[0]) & 0x80;
    int nri = Math.max(sps[0] & 0x60, pps[0] & 0x60);
    int p = RtpHeader.SIZE;
    packet[p++] = (byte) (forbidden | nri | STAP_A);
    p = putAggregated(sps, spsLength, p);
    p = putAggregated(pps, ppsLength, p);
    return send(sink, p, timestamp, marker);
  }

  private int putAggregated(byte[] nal, int len, int p) {
    packet[p] = (byte) (len >>> 8);
    packet[p + 1] = (byte) len;
    System.arraycopy(nal, 0, packet, p + 2, len);
    return p + 2 + len;
  }

  private int sendNalUnit(
      RtpPacketSink sink, byte[] buf, int off, int len, int timestamp, boolean lastOfFrame) {
    if (len <= payloadBudget) {
      System.arraycopy(buf, off, packet, RtpHeader.SIZE, len);
      return send(sink, RtpHeader.SIZE + len, timestamp, lastOfFrame);
    }
    byte indicator = (byte) ((buf[off] & 0xE0) | FU_A);
    int type = buf[off] & 0x1F;
    int from = off + 1;
    int remaining = len - 1;
    int max = payloadBudget - 2;
    int packets = 0;
    boolean start = true;
    while (remaining > 0) {
      int chunk = Math.min(remaining, max);
      boolean end = chunk == remaining;
      packet[RtpHeader.SIZE] = indicator;
      packet[RtpHeader.SIZE + 1] = (byte) ((start ? 0x80 : 0) | (end ? 0x40 : 0) | type);
      System.arraycopy(buf, from, packet, RtpHeader.SIZE + 2, chunk);
      packets += send(sink, RtpHeader.SIZE + 2 + chunk, timestamp, lastOfFrame && end);
      from += chunk;
      remaining -= chunk;
      start = false;
    }
    return packets;
  }

  private int send(RtpPacketSink sink, int length, int timestamp, boolean marker) {
    RtpHeader.write(packet, 0, marker, payloadType, sequenceNumber, timestamp, ssrc);
    sequenceNumber = (sequenceNumber + 1) & 0xFFFF;
    packetCount++;
    payloadOctetCount += length - RtpHeader.SIZE;
    sink.packet(packet, 0, length);
    return 1;
  }

  private void rememberSps(byte[] buf, int off, int len) {
    if (sps.length < len) {
      sps = new byte[len];
    }
    System.arraycopy(buf, off, sps, 0, len);
    spsLength = len;
  }

  private void rememberPps(byte[] buf, int off, int len) {
    if (pps.length < len) {
      pps = new byte[len];
    }
    System.arraycopy(buf, off, pps, 0, len);
    ppsLength = len;
  }

  private static String describe(byte[] nal, int len) {
    return len == 0
        ? "an empty array"
        : String.format("%d bytes with header 0x%02x", len, nal[0] & 0xFF);
  }
}
