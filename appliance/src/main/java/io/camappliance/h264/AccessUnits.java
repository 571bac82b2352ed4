package io.camappliance.h264;

import java.util.Arrays;

/**
 * Questions about one Annex-B access unit (ITU-T H.264 §7.4.1.2.3: an access unit is the NAL units
 * of one picture, optionally preceded by AUD, SPS, PPS and SEI) that camera sources and the
 * fragmenter ask of every frame. The per-frame ones ({@link #isIdr}, {@link #firstVclType}) walk
 * the start codes in place and allocate nothing.
 */
public final class AccessUnits {
  private AccessUnits() {}

  /** True when the access unit holds a slice of an IDR picture (NAL type 5). */
  public static boolean isIdr(byte[] au, int off, int len) {
    return indexOf(au, off, len, NalUnitType.IDR) >= 0;
  }

  /** The type of the first VCL NAL unit (1..5), or -1 when the access unit has no slice. */
  public static int firstVclType(byte[] au, int off, int len) {
    int end = off + len;
    int sc = AnnexB.findStartCode(au, off, end);
    while (sc >= 0) {
      int start = sc + 3;
      int next = AnnexB.findStartCode(au, start, end);
      if (AnnexB.trimZeros(au, start, next < 0 ? end : next) > start) {
        int type = NalUnitType.of(au[start]);
        if (NalUnitType.isVcl(type)) {
          return type;
        }
      }
      sc = next;
    }
    return -1;
  }

  /** True when the access unit holds at least one NAL unit of {@code type}. */
  public static boolean contains(byte[] au, int off, int len, int type) {
    return indexOf(au, off, len, type) >= 0;
  }

  /**
   * The first NAL unit of {@code type} (header byte first, start code and trailing zeros removed),
   * as a new array; null when there is none.
   */
  public static byte[] firstNalUnit(byte[] au, int off, int len, int type) {
    int end = off + len;
    int sc = AnnexB.findStartCode(au, off, end);
    while (sc >= 0) {
      int start = sc + 3;
      int next = AnnexB.findStartCode(au, start, end);
      int nalEnd = AnnexB.trimZeros(au, start, next < 0 ? end : next);
      if (nalEnd > start && NalUnitType.of(au[start]) == type) {
        return Arrays.copyOfRange(au, start, nalEnd);
      }
      sc = next;
    }
    return null;
  }

  /** The first SPS NAL unit, copied; null when the access unit carries none. */
  public static byte[] sps(byte[] au, int off, int len) {
    return firstNalUnit(au, off, len, NalUnitType.SPS);
  }

  /** The first PPS NAL unit, copied; null when the access unit carries none. */
  public static byte[] pps(byte[] au, int off, int len) {
    return firstNalUnit(au, off, len, NalUnitType.PPS);
  }

  /** The offset in {@code au} of the header byte of the first NAL unit of {@code type}, or -1. */
  public static int indexOf(byte[] au, int off, int len, int type) {
    int end = off + len;
    int sc = AnnexB.findStartCode(au, off, end);
    while (sc >= 0) {
      int start = sc + 3;
      if (start < end && NalUnitType.of(au[start]) == type && au[start] != 0) {
        return start;
      }
      sc = AnnexB.findStartCode(au, start, end);
    }
    return -1;
  }
}
