package io.camappliance.h264;

/**
 * A sequence parameter set (ITU-T H.264 §7.3.2.1.1, semantics §7.4.2.1.1, VUI Annex E.1.1): the
 * fields the appliance needs to describe a stream — profile, level, picture size after cropping,
 * frame rate — plus what it takes to walk past the rest correctly.
 *
 * <pre>
 * NAL header (0x67)   profile_idc u(8)   constraint_set0..5 + 2 reserved u(8)   level_idc u(8)
 * seq_parameter_set_id ue
 * [high profiles: chroma_format_idc ue, (separate_colour_plane_flag u(1)), bit_depth_luma_minus8 ue,
 *   bit_depth_chroma_minus8 ue, qpprime_y_zero_transform_bypass_flag u(1),
 *   seq_scaling_matrix_present_flag u(1), (scaling lists)]
 * log2_max_frame_num_minus4 ue   pic_order_cnt_type ue   (POC fields for type 0 or 1)
 * max_num_ref_frames ue   gaps_in_frame_num_value_allowed_flag u(1)
 * pic_width_in_mbs_minus1 ue   pic_height_in_map_units_minus1 ue
 * frame_mbs_only_flag u(1)   (mb_adaptive_frame_field_flag u(1))   direct_8x8_inference_flag u(1)
 * frame_cropping_flag u(1)   (left, right, top, bottom offsets ue)
 * vui_parameters_present_flag u(1)   (vui_parameters)
 * </pre>
 *
 * Picture size (§7.4.2.1.1): the coded size is whole macroblocks, {@code 16 * PicWidthInMbs} by
 * {@code 16 * PicHeightInMapUnits * (2 - frame_mbs_only_flag)}; cropping removes {@code CropUnitX}
 * columns and {@code CropUnitY} rows per offset unit, where {@code CropUnitX = SubWidthC} and
 * {@code CropUnitY = SubHeightC * (2 - frame_mbs_only_flag)} (both 1, resp. {@code 2 -
 * frame_mbs_only_flag}, for monochrome or separate colour planes). 1920x1080 is coded as 1920x1088
 * with {@code frame_crop_bottom_offset = 4} (progressive, 4:2:0: CropUnitY = 2).
 *
 * <p>Build instances with {@link #parse}; the canonical constructor does not validate.
 *
 * @param profileIdc profile_idc: 66 baseline, 77 main, 100 high, ...
 * @param constraintFlags the byte holding constraint_set0_flag (bit 7) .. constraint_set5_flag
 * @param levelIdc level_idc: ten times the level number (31 = level 3.1); 9 = level 1b
 * @param id seq_parameter_set_id, 0..31
 * @param chromaFormatIdc 0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4
 * @param maxNumReorderFrames max_num_reorder_frames from the VUI bitstream restriction, or -1 when
 *     absent
 */
public record Sps(
    int profileIdc,
    int constraintFlags,
    int levelIdc,
    int id,
    int chromaFormatIdc,
    boolean separateColourPlane,
    int bitDepthLuma,
    int bitDepthChroma,
    int log2MaxFrameNum,
    int picOrderCntType,
    int maxNumRefFrames,
    boolean frameMbsOnly,
    int picWidthInMbs,
    int picHeightInMapUnits,
    int cropLeft,
    int cropRight,
    int cropTop,
    int cropBottom,
    boolean timingInfoPresent,
    long numUnitsInTick,
    long timeScale,
    boolean fixedFrameRate,
    int maxNumReorderFrames) {

  /** Largest picture side we accept, in pixels: beyond every H.264 level (6.2 is 8192x4320). */
  public static final int MAX_SIDE = 16384;

  private static final int MAX_SIDE_MBS = MAX_SIDE / 16;

  /** A parameter set is a few dozen bytes; anything this long is not one. */
  private static final int MAX_NAL_SIZE = 4096;

  /** The picture width in pixels, cropping applied. */
  public int width() {
    return picWidthInMbs * 16 - cropUnitX() * (cropLeft + cropRight);
  }

  /** The picture (frame) height in pixels, cropping applied. */
  public int height() {
    return frameHeightInMbs() * 16 - cropUnitY() * (cropTop + cropBottom);
  }

  /**
   * Frames per second from the VUI timing, or 0 when the SPS carries no (usable) timing. A frame
   * lasts two clock ticks (§E.2.1, the {@code DeltaTfiDivisor} of a progressive frame is 2), so
   * x264 at 30 fps writes {@code num_units_in_tick = 1, time_scale = 60}.
   */
  public double frameRate() {
    if (!timingInfoPresent || numUnitsInTick == 0 || timeScale == 0) {
      return 0;
    }
    return timeScale / (2.0 * numUnitsInTick);
  }

  /**
   * The RFC 6381 codec string for this stream, e.g. {@code avc1.64001f} for high profile, level
   * 3.1: profile_idc, the constraint byte and level_idc in hex.
   */
  public String codecString() {
    return String.format("avc1.%02x%02x%02x", profileIdc, constraintFlags, levelIdc);
  }

  /** FrameHeightInMbs (§7.4.2.1.1, equation 7-18). */
  private int frameHeightInMbs() {
    return (frameMbsOnly ? 1 : 2) * picHeightInMapUnits;
  }

  private int chromaArrayType() {
    return separateColourPlane ? 0 : chromaFormatIdc;
  }

  private int cropUnitX() {
    return chromaArrayType() == 0 ? 1 : subWidthC(chromaFormatIdc);
  }

  private int cropUnitY() {
    int fieldFactor = frameMbsOnly ? 1 : 2;
    return chromaArrayType() == 0 ? fieldFactor : subHeightC(chromaFormatIdc) * fieldFactor;
  }

  /** SubWidthC (§6.2, Table 6-1): 2 for 4:2:0 and 4:2:2, 1 for 4:4:4. */
  private static int subWidthC(int chromaFormatIdc) {
    return chromaFormatIdc == 3 ? 1 : 2;
  }

  /** SubHeightC (§6.2, Table 6-1): 2 for 4:2:0, 1 for 4:2:2 and 4:4:4. */
  private static int subHeightC(int chromaFormatIdc) {
    return chromaFormatIdc == 1 ? 2 : 1;
  }

  /**
   * Parses one SPS NAL unit.
   *
   * @param nal the NAL unit, header byte first, emulation prevention bytes still in (as it comes
   *     out of {@link AnnexB} or an AVC configuration record)
   * @throws H264Exception when it is not an SPS, is truncated, or a field is out of its range; the
   *     message names the field and its value
   */
  public static Sps parse(byte[] nal, int off, int len) throws H264Exception {
    if (off < 0 || len < 0 || off > nal.length - len) {
      throw new IllegalArgumentException(
          "slice [" + off + ", +" + len + ") outside buffer of " + nal.length);
    }
    if (len < 4) {
      throw new H264Exception("SPS NAL unit of " + len + " bytes is shorter than its 4-byte head");
    }
    if (len > MAX_NAL_SIZE) {
      throw new H264Exception(
          "SPS NAL unit of " + len + " bytes is longer than the maximum " + MAX_NAL_SIZE);
    }
    if ((nal[off] & 0x80) != 0) {
      throw new H264Exception(
          String.format("SPS NAL header 0x%02x has forbidden_zero_bit set", nal[off] & 0xFF));
    }
    if (NalUnitType.of(nal[off]) != NalUnitType.SPS) {
      throw new H264Exception(
          "NAL unit type " + NalUnitType.of(nal[off]) + " is not an SPS (" + NalUnitType.SPS + ")");
    }
    byte[] rbsp = EmulationPrevention.unescape(nal, off + 1, len - 1);
    return new Parser(new BitReader(rbsp, 0, rbsp.length)).sps();
  }

  /** Parses an SPS NAL unit that fills the whole array. */
  public static Sps parse(byte[] nal) throws H264Exception {
    return parse(nal, 0, nal.length);
  }

  /** The syntax walk of §7.3.2.1.1 and §E.1.1; fields are kept only where the record needs them. */
  private static final class Parser {
    private final BitReader r;

    Parser(BitReader r) {
      this.r = r;
    }

    Sps sps() throws H264Exception {
      int profileIdc = r.bits(8, "profile_idc");
      int constraintFlags = r.bits(8, "constraint_set_flags");
      int levelIdc = r.bits(8, "level_idc");
      int id = r.ue("seq_parameter_set_id", 31);

      int chromaFormatIdc = 1;
      boolean separateColourPlane = false;
      int bitDepthLuma = 8;
      int bitDepthChroma = 8;
      if (hasChromaInfo(profileIdc)) {
        chromaFormatIdc = r.ue("chroma_format_idc", 3);
        if (chromaFormatIdc == 3) {
          separateColourPlane = r.flag("separate_colour_plane_flag");
        }
        bitDepthLuma = 8 + r.ue("bit_depth_luma_minus8", 6);
        bitDepthChroma = 8 + r.ue("bit_depth_chroma_minus8", 6);
        r.flag("qpprime_y_zero_transform_bypass_flag");
        if (r.flag("seq_scaling_matrix_present_flag")) {
          int lists = chromaFormatIdc != 3 ? 8 : 12;
          for (int i = 0; i < lists; i++) {
            if (r.flag("seq_scaling_list_present_flag")) {
              skipScalingList(i < 6 ? 16 : 64);
            }
          }
        }
      }

      int log2MaxFrameNum = 4 + r.ue("log2_max_frame_num_minus4", 12);
      int picOrderCntType = r.ue("pic_order_cnt_type", 2);
      if (picOrderCntType == 0) {
        r.ue("log2_max_pic_order_cnt_lsb_minus4", 12);
      } else if (picOrderCntType == 1) {
        r.flag("delta_pic_order_always_zero_flag");
        r.se("offset_for_non_ref_pic");
        r.se("offset_for_top_to_bottom_field");
        int cycle = r.ue("num_ref_frames_in_pic_order_cnt_cycle", 255);
        for (int i = 0; i < cycle; i++) {
          r.se("offset_for_ref_frame");
        }
      }
      // MaxDpbFrames is at most 16 for every level (§A.3.1 h), and max_num_ref_frames <= it.
      int maxNumRefFrames = r.ue("max_num_ref_frames", 16);
      r.flag("gaps_in_frame_num_value_allowed_flag");
      int picWidthInMbs = 1 + r.ue("pic_width_in_mbs_minus1", MAX_SIDE_MBS - 1);
      int picHeightInMapUnits = 1 + r.ue("pic_height_in_map_units_minus1", MAX_SIDE_MBS - 1);
      boolean frameMbsOnly = r.flag("frame_mbs_only_flag");
      int frameHeightInMbs = (frameMbsOnly ? 1 : 2) * picHeightInMapUnits;
      if (frameHeightInMbs > MAX_SIDE_MBS) {
        throw new H264Exception(
            "coded height "
                + frameHeightInMbs * 16
                + " (interlaced, "
                + picHeightInMapUnits
                + " map units) is above the maximum "
                + MAX_SIDE);
      }
      if (!frameMbsOnly) {
        r.flag("mb_adaptive_frame_field_flag");
      }
      r.flag("direct_8x8_inference_flag");
      int cropLeft = 0;
      int cropRight = 0;
      int cropTop = 0;
      int cropBottom = 0;
      if (r.flag("frame_cropping_flag")) {
        cropLeft = r.ue("frame_crop_left_offset", MAX_SIDE);
        cropRight = r.ue("frame_crop_right_offset", MAX_SIDE);
        cropTop = r.ue("frame_crop_top_offset", MAX_SIDE);
        cropBottom = r.ue("frame_crop_bottom_offset", MAX_SIDE);
      }

      Vui vui = r.flag("vui_parameters_present_flag") ? vui() : new Vui();

      Sps sps =
          new Sps(
              profileIdc,
              constraintFlags,
              levelIdc,
              id,
              chromaFormatIdc,
              separateColourPlane,
              bitDepthLuma,
              bitDepthChroma,
              log2MaxFrameNum,
              picOrderCntType,
              maxNumRefFrames,
              frameMbsOnly,
              picWidthInMbs,
              picHeightInMapUnits,
              cropLeft,
              cropRight,
              cropTop,
              cropBottom,
              vui.timingInfoPresent,
              vui.numUnitsInTick,
              vui.timeScale,
              vui.fixedFrameRate,
              vui.maxNumReorderFrames);
      // The offsets are bounded above, so these products cannot overflow an int.
      if (sps.width() <= 0 || sps.height() <= 0) {
        throw new H264Exception(
            "frame cropping (left "
                + cropLeft
                + ", right "
                + cropRight
                + ", top "
                + cropTop
                + ", bottom "
                + cropBottom
                + ") leaves no picture of the coded "
                + picWidthInMbs * 16
                + "x"
                + frameHeightInMbs * 16);
      }
      return sps;
    }

    /**
     * The profiles whose SPS carries chroma_format_idc and the fields after it (§7.3.2.1.1): High,
     * High 10, High 4:2:2, High 4:4:4 (Predictive), CAVLC 4:4:4 Intra, and the SVC/MVC/3D ones.
     */
    private static boolean hasChromaInfo(int profileIdc) {
      return switch (profileIdc) {
        case 100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135 -> true;
        default -> false;
      };
    }

    /** scaling_list() (§7.3.2.1.1.1): only the deltas are coded; we need none of the values. */
    private void skipScalingList(int size) throws H264Exception {
      int lastScale = 8;
      int nextScale = 8;
      for (int j = 0; j < size && nextScale != 0; j++) {
        int delta = r.se("delta_scale", -128, 127);
        nextScale = (lastScale + delta + 256) % 256;
        lastScale = nextScale == 0 ? lastScale : nextScale;
      }
    }

    /** vui_parameters() (§E.1.1). */
    private Vui vui() throws H264Exception {
      if (r.flag("aspect_ratio_info_present_flag")) {
        int aspectRatioIdc = r.bits(8, "aspect_ratio_idc");
        if (aspectRatioIdc == 255) { // Extended_SAR
          r.skip(16, "sar_width");
          r.skip(16, "sar_height");
        }
      }
      if (r.flag("overscan_info_present_flag")) {
        r.flag("overscan_appropriate_flag");
      }
      if (r.flag("video_signal_type_present_flag")) {
        r.skip(3, "video_format");
        r.flag("video_full_range_flag");
        if (r.flag("colour_description_present_flag")) {
          r.skip(8, "colour_primaries");
          r.skip(8, "transfer_characteristics");
          r.skip(8, "matrix_coefficients");
        }
      }
      if (r.flag("chroma_loc_info_present_flag")) {
        r.ue("chroma_sample_loc_type_top_field", 5);
        r.ue("chroma_sample_loc_type_bottom_field", 5);
      }
      Vui vui = new Vui();
      vui.timingInfoPresent = r.flag("timing_info_present_flag");
      if (vui.timingInfoPresent) {
        vui.numUnitsInTick = r.u(32, "num_units_in_tick");
        vui.timeScale = r.u(32, "time_scale");
        vui.fixedFrameRate = r.flag("fixed_frame_rate_flag");
      }
      boolean nalHrd = r.flag("nal_hrd_parameters_present_flag");
      if (nalHrd) {
        skipHrdParameters();
      }
      boolean vclHrd = r.flag("vcl_hrd_parameters_present_flag");
      if (vclHrd) {
        skipHrdParameters();
      }
      if (nalHrd || vclHrd) {
        r.flag("low_delay_hrd_flag");
      }
      r.flag("pic_struct_present_flag");
      if (r.flag("bitstream_restriction_flag")) {
        r.flag("motion_vectors_over_pic_boundaries_flag");
        r.ue("max_bytes_per_pic_denom", 16);
        r.ue("max_bits_per_mb_denom", 16);
        r.ue("log2_max_mv_length_horizontal", 16);
        r.ue("log2_max_mv_length_vertical", 16);
        vui.maxNumReorderFrames = r.ue("max_num_reorder_frames", 16);
        r.ue("max_dec_frame_buffering", 16);
      }
      return vui;
    }

    /** hrd_parameters() (§E.1.2). */
    private void skipHrdParameters() throws H264Exception {
      int cpbCnt = 1 + r.ue("cpb_cnt_minus1", 31);
      r.skip(4, "bit_rate_scale");
      r.skip(4, "cpb_size_scale");
      for (int i = 0; i < cpbCnt; i++) {
        r.ue("bit_rate_value_minus1");
        r.ue("cpb_size_value_minus1");
        r.flag("cbr_flag");
      }
      r.skip(5, "initial_cpb_removal_delay_length_minus1");
      r.skip(5, "cpb_removal_delay_length_minus1");
      r.skip(5, "dpb_output_delay_length_minus1");
      r.skip(5, "time_offset_length");
    }
  }

  /** The VUI fields kept, with their values when the VUI or a part of it is absent. */
  private static final class Vui {
    boolean timingInfoPresent;
    long numUnitsInTick;
    long timeScale;
    boolean fixedFrameRate;
    int maxNumReorderFrames = -1;
  }
}
