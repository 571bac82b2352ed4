package io.camappliance.h264;

/**
 * NAL unit types (ITU-T H.264 §7.4.1, Table 7-1), as plain {@code int} constants so that hot paths
 * can switch on them and build drop masks without allocating.
 *
 * <pre>
 * NAL unit header (§7.3.1), one byte:
 *   +---+-------+-----------+
 *   | F |  NRI  |   Type    |     F = forbidden_zero_bit (always 0)
 *   +---+-------+-----------+     NRI = nal_ref_idc (0 = not used for reference)
 *    7   6   5   4 3 2 1 0        Type = nal_unit_type
 * </pre>
 *
 * Types 0 and 24..31 are "unspecified": the standard never uses them, and RTP (RFC 6184) takes
 * 24..29 for STAP/MTAP/FU packets, so seeing one in a byte stream means something upstream forgot
 * to depacketize.
 */
public final class NalUnitType {
  private NalUnitType() {}

  /** Coded slice of a non-IDR picture. */
  public static final int SLICE = 1;

  /** Coded slice data partition A. */
  public static final int SLICE_DATA_PARTITION_A = 2;

  /** Coded slice data partition B. */
  public static final int SLICE_DATA_PARTITION_B = 3;

  /** Coded slice data partition C. */
  public static final int SLICE_DATA_PARTITION_C = 4;

  /** Coded slice of an IDR picture: decoding can start here. */
  public static final int IDR = 5;

  /** Supplemental enhancement information. */
  public static final int SEI = 6;

  /** Sequence parameter set. */
  public static final int SPS = 7;

  /** Picture parameter set. */
  public static final int PPS = 8;

  /** Access unit delimiter. */
  public static final int AUD = 9;

  /** End of sequence. */
  public static final int END_OF_SEQUENCE = 10;

  /** End of stream. */
  public static final int END_OF_STREAM = 11;

  /** Filler data. */
  public static final int FILLER = 12;

  /** Sequence parameter set extension. */
  public static final int SPS_EXTENSION = 13;

  /** Prefix NAL unit (SVC/MVC). */
  public static final int PREFIX = 14;

  /** Subset sequence parameter set (SVC/MVC). */
  public static final int SUBSET_SPS = 15;

  /** Depth parameter set (3D-AVC). */
  public static final int DEPTH_PARAMETER_SET = 16;

  /** Coded slice of an auxiliary coded picture without partitioning. */
  public static final int AUXILIARY_SLICE = 19;

  /** Coded slice extension (SVC/MVC). */
  public static final int SLICE_EXTENSION = 20;

  /** Coded slice extension for a depth view component (3D-AVC). */
  public static final int SLICE_EXTENSION_DEPTH = 21;

  /**
   * The drop mask that keeps everything a decoder needs and removes only the NAL units that carry
   * no picture information: access unit delimiters and filler data.
   */
  public static final int DROP_AUD_AND_FILLER = mask(AUD, FILLER);

  /** The nal_unit_type in a NAL unit header byte. */
  public static int of(byte header) {
    return header & 0x1F;
  }

  /** The nal_ref_idc in a NAL unit header byte (0..3). */
  public static int refIdc(byte header) {
    return (header >> 5) & 0x03;
  }

  /** True for types 1..5, the VCL NAL units that carry slice data (§7.4.1, Table 7-1). */
  public static boolean isVcl(int type) {
    return type >= SLICE && type <= IDR;
  }

  /** True for 0 and 24..31, which no H.264 byte stream may carry. */
  public static boolean isUnspecified(int type) {
    return type == 0 || type >= 24;
  }

  /**
   * A bit mask with bit {@code t} set for every given type, for the {@code dropMask} parameter of
   * {@link AnnexB#toAvcc(byte[], int, int, java.nio.ByteBuffer, int)}.
   */
  public static int mask(int... types) {
    int m = 0;
    for (int t : types) {
      if (t < 0 || t > 31) {
        throw new IllegalArgumentException("NAL unit type " + t + " is outside 0..31");
      }
      m |= 1 << t;
    }
    return m;
  }

  /** A short name for logs and error messages, e.g. {@code "IDR"} or {@code "type 17"}. */
  public static String name(int type) {
    return switch (type) {
      case SLICE -> "SLICE";
      case SLICE_DATA_PARTITION_A -> "SLICE_DATA_PARTITION_A";
      case SLICE_DATA_PARTITION_B -> "SLICE_DATA_PARTITION_B";
      case SLICE_DATA_PARTITION_C -> "SLICE_DATA_PARTITION_C";
      case IDR -> "IDR";
      case SEI -> "SEI";
      case SPS -> "SPS";
      case PPS -> "PPS";
      case AUD -> "AUD";
      case END_OF_SEQUENCE -> "END_OF_SEQUENCE";
      case END_OF_STREAM -> "END_OF_STREAM";
      case FILLER -> "FILLER";
      case SPS_EXTENSION -> "SPS_EXTENSION";
      case PREFIX -> "PREFIX";
      case SUBSET_SPS -> "SUBSET_SPS";
      case DEPTH_PARAMETER_SET -> "DEPTH_PARAMETER_SET";
      case AUXILIARY_SLICE -> "AUXILIARY_SLICE";
      case SLICE_EXTENSION -> "SLICE_EXTENSION";
      case SLICE_EXTENSION_DEPTH -> "SLICE_EXTENSION_DEPTH";
      default -> "type " + type;
    };
  }
}
