package io.camappliance.emulator.hls;

/**
 * The H.264 video track an HLS session plays: picture size and the AVCDecoderConfigurationRecord
 * from the fragment's CodecPrivate (ISO/IEC 14496-15 §5.2.4.1; kvs-data-model §3).
 *
 * <pre>
 * avcC: 01 | profile | compatibility | level | FF (4-byte NAL lengths) | E1 | SPS ... | 01 | PPS ...
 * </pre>
 */
record VideoTrack(int width, int height, byte[] avcC) {
  /** Media time units per second of the fMP4 track: 90 kHz, the usual video clock. */
  static final int TIMESCALE = 90_000;

  /** The RFC 6381 codec string, {@code avc1.PPCCLL}. */
  String codecs() {
    return String.format("avc1.%02x%02x%02x", avcC[1] & 0xFF, avcC[2] & 0xFF, avcC[3] & 0xFF);
  }

  /** True when {@code cpd} is shaped like an AVCDecoderConfigurationRecord with an SPS. */
  static boolean isAvcConfiguration(byte[] cpd) {
    if (cpd.length < 8 || cpd[0] != 1 || (cpd[5] & 0x1F) < 1) {
      return false;
    }
    int spsLength = ((cpd[6] & 0xFF) << 8) | (cpd[7] & 0xFF);
    return spsLength > 0 && 8 + spsLength <= cpd.length && (cpd[8] & 0x1F) == 7;
  }
}
