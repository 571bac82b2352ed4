package io.camappliance.camera;

import java.util.Arrays;

/**
 * The AVCC form of H.264 used inside MP4 and Matroska (ISO/IEC 14496-15 §5.2.4): NAL units prefixed
 * by their big-endian length instead of start codes, with the parameter sets carried once in an
 * {@code AVCDecoderConfigurationRecord} (avcC):
 *
 * <pre>
 * configurationVersion         8   = 1
 * AVCProfileIndication         8
 * profile_compatibility        8
 * AVCLevelIndication           8
 * reserved '111111'            6
 * lengthSizeMinusOne           2   NAL length prefix is 1, 2 or 4 bytes
 * reserved '111'               3
 * numOfSequenceParameterSets   5
 *   { sequenceParameterSetLength 16, sequenceParameterSetNALUnit }
 * numOfPictureParameterSets    8
 *   { pictureParameterSetLength 16, pictureParameterSetNALUnit }
 * </pre>
 */
final class Avcc {
  private Avcc() {}

  /** The parts of an avcC record a replay needs: the prefix size and the first SPS and PPS. */
  record Config(int lengthSize, byte[] sps, byte[] pps) {}

  /** Whether {@code extradata} is an avcC record rather than Annex-B parameter sets. */
  static boolean isConfigurationRecord(byte[] extradata) {
    return extradata.length >= 7 && extradata[0] == 1;
  }

  /**
   * Parses an avcC record.
   *
   * @throws IllegalArgumentException naming the field and the sizes when it is malformed
   */
  static Config parse(byte[] b) {
    if (b.length < 7) {
      throw new IllegalArgumentException("avcC of " + b.length + " bytes is shorter than 7");
    }
    if (b[0] != 1) {
      throw new IllegalArgumentException("avcC configurationVersion " + b[0] + " is not 1");
    }
    int lengthSize = (b[4] & 0x03) + 1;
    if (lengthSize == 3) {
      throw new IllegalArgumentException("avcC lengthSizeMinusOne 2 is not allowed");
    }
    int spsCount = b[5] & 0x1F;
    int p = 6;
    byte[] sps = null;
    for (int i = 0; i < spsCount; i++) {
      byte[] nal = readSet(b, p, "SPS " + i);
      p += 2 + nal.length;
      if (sps == null) {
        sps = nal;
      }
    }
    if (p >= b.length) {
      throw new IllegalArgumentException("avcC ends at " + p + " before numOfPictureParameterSets");
    }
    int ppsCount = b[p++] & 0xFF;
    byte[] pps = null;
    for (int i = 0; i < ppsCount; i++) {
      byte[] nal = readSet(b, p, "PPS " + i);
      p += 2 + nal.length;
      if (pps == null) {
        pps = nal;
      }
    }
    if (sps == null || pps == null) {
      throw new IllegalArgumentException(
          "avcC has " + spsCount + " SPS and " + ppsCount + " PPS; need at least one of each");
    }
    return new Config(lengthSize, sps, pps);
  }

  private static byte[] readSet(byte[] b, int p, String what) {
    if (p + 2 > b.length) {
      throw new IllegalArgumentException(
          "avcC " + what + " length at " + p + " runs past the record's " + b.length + " bytes");
    }
    int len = ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    if (len == 0 || p + 2 + len > b.length) {
      throw new IllegalArgumentException(
          "avcC " + what + " of " + len + " bytes at " + (p + 2) + " does not fit in " + b.length);
    }
    return Arrays.copyOfRange(b, p + 2, p + 2 + len);
  }

  /** The largest Annex-B size of {@code len} AVCC bytes: each prefix may grow to 4 bytes. */
  static int maxAnnexBSize(int len, int lengthSize) {
    return len + (len / (lengthSize + 1) + 1) * (4 - lengthSize);
  }

  /**
   * Rewrites length-prefixed NAL units as Annex-B with 4-byte start codes.
   *
   * @param dst room for {@link #maxAnnexBSize} bytes
   * @return the Annex-B length, or -1 when a length prefix is zero or runs past the packet
   */
  static int toAnnexB(byte[] src, int len, int lengthSize, byte[] dst) {
    int p = 0;
    int q = 0;
    while (p < len) {
      if (p + lengthSize > len) {
        return -1;
      }
      long n = 0;
      for (int k = 0; k < lengthSize; k++) {
        n = (n << 8) | (src[p + k] & 0xFF);
      }
      p += lengthSize;
      if (n == 0 || n > len - p) {
        return -1;
      }
      dst[q++] = 0;
      dst[q++] = 0;
      dst[q++] = 0;
      dst[q++] = 1;
      System.arraycopy(src, p, dst, q, (int) n);
      p += (int) n;
      q += (int) n;
    }
    return q;
  }
}
