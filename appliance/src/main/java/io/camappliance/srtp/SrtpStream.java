package io.camappliance.srtp;

/**
 * What one crypto context remembers about one SSRC (RFC 3711 §3.2.1): the highest RTP packet index
 * sent or received (its top 32 bits are the rollover counter, ROC, its low 16 bits are s_l), the
 * next SRTCP index to send, and the replay windows of what was received.
 */
final class SrtpStream {
  /** 2^48: the RTP packet index is ROC (32 bits) || SEQ (16 bits). */
  static final long MAX_RTP_INDEX = (1L << 48) - 1;

  /** 2^31: the SRTCP index field is 31 bits wide. */
  static final int MAX_RTCP_INDEX = Integer.MAX_VALUE;

  final int ssrc;
  long sentRtpIndex = -1;
  int nextRtcpIndex;
  final ReplayWindow receivedRtp = new ReplayWindow();
  final ReplayWindow receivedRtcp = new ReplayWindow();

  SrtpStream(int ssrc) {
    this.ssrc = ssrc;
  }

  /**
   * The packet index of sequence number {@code seq} given the highest index so far (RFC 3711
   * appendix A): the guess among ROC-1, ROC and ROC+1 that puts {@code seq} closest to s_l. Returns
   * {@code seq} itself for the first packet (ROC starts at 0, RFC 5764 §4.1.2 leaves no other way
   * to signal it), and -1 when the guess would be before index 0.
   */
  static long estimateIndex(long highest, int seq) {
    if (highest < 0) {
      return seq;
    }
    long roc = highest >>> 16;
    int sl = (int) (highest & 0xFFFF);
    long v;
    if (sl < 0x8000) {
      v = seq - sl > 0x8000 ? roc - 1 : roc;
    } else {
      v = sl - 0x8000 > seq ? roc + 1 : roc;
    }
    return v < 0 ? -1 : v << 16 | seq;
  }
}
