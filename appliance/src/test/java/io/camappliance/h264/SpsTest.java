package io.camappliance.h264;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.camappliance.testing.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpsTest {

  /**
   * SPS NAL units from libx264 (through FFmpeg's lavfi {@code testsrc}), e.g. {@code ffmpeg -f
   * lavfi -i testsrc=size=1920x1080:rate=30 -frames:v 1 -pix_fmt yuv420p -c:v libx264 -profile:v
   * high -preset fast -f h264 out.264}; expected values as ffprobe and FFmpeg's {@code
   * trace_headers} report them.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
  # name                   | sps                                                    | profile | constraints | level | width | height | fps      | chroma | depth | progressive | poc | refs | reorder
  baseline 640x360 @25    | 6742c01eda0280bfe5c044000003000400000300c83c58ba80     |  66 | 0xc0 | 30 |  640 |  360 | 25       | 1 |  8 | true  | 2 | 1 | 0
  high 1920x1080 @30      | 67640028acd940780227e5c044000003000400000300f03c60c658 | 100 | 0x00 | 40 | 1920 | 1080 | 30       | 1 |  8 | true  | 0 | 4 | 2
  main 1366x768 @29.97    | 674d4020eca02b030f37808800001f480007530078c18cb0       |  77 | 0x40 | 32 | 1366 |  768 | 29.97003 | 1 |  8 | true  | 0 | 4 | 2
  main 1280x720 @60       | 674d401feca02802dd8088000003000800000303c078c18cb0     |  77 | 0x40 | 31 | 1280 |  720 | 60       | 1 |  8 | true  | 0 | 4 | 2
  high interlaced 720x576 | 6764001eacd940b424d8088000000300800000190f8a14cb       | 100 | 0x00 | 30 |  720 |  576 | 25       | 1 |  8 | false | 0 | 4 | 2
  main interlaced 1080    | 674d4028f403c0227ef011000003000100000300321f162ea0     |  77 | 0x40 | 40 | 1920 | 1080 | 25       | 1 |  8 | false | 0 | 1 | 0
  high 4:4:4 320x240      | 67f4000c91968141fb0110000003001000000301e0f142aa       | 244 | 0x00 | 12 |  320 |  240 | 15       | 3 |  8 | true  | 2 | 1 | 0
  high 4:4:4 642x362      | 67f4001e919680a42fe3e7c044000003000400000300f03c58ba80 | 244 | 0x00 | 30 |  642 |  362 | 30       | 3 |  8 | true  | 2 | 1 | 0
  high 10-bit 352x288     | 676e000da6cb40b04b6022000003000200000300601e285540     | 110 | 0x00 | 13 |  352 |  288 | 24       | 1 | 10 | true  | 2 | 1 | 0
  high 4:2:2 426x240      | 677a0015bcb40d8ff2780880000003008000000a078b1750       | 122 | 0x00 | 21 |  426 |  240 | 10       | 2 |  8 | true  | 2 | 1 | 0
  high 640x480 cqm        | 6764001eacb40501ed8088000003000800000301e078b175       | 100 | 0x00 | 30 |  640 |  480 | 30       | 1 |  8 | true  | 2 | 1 | 0
  high 176x144 b-frames   | 6764000bacd942c4ec0440000003004000000f03c50a6580       | 100 | 0x00 | 11 |  176 |  144 | 30       | 1 |  8 | true  | 0 | 4 | 2
  """)
  void readsRealEncoderOutput(
      String name,
      String spsHex,
      int profile,
      String constraints,
      int level,
      int width,
      int height,
      double fps,
      int chroma,
      int depth,
      boolean progressive,
      int poc,
      int refs,
      int reorder)
      throws H264Exception {
    Sps sps = Sps.parse(Hex.bytes(spsHex));
    assertThat(sps.profileIdc()).isEqualTo(profile);
    assertThat(sps.constraintFlags()).isEqualTo(Integer.decode(constraints));
    assertThat(sps.levelIdc()).isEqualTo(level);
    assertThat(sps.id()).isZero();
    assertThat(sps.width()).isEqualTo(width);
    assertThat(sps.height()).isEqualTo(height);
    assertThat(sps.frameRate()).isCloseTo(fps, within(0.0001));
    assertThat(sps.timingInfoPresent()).isTrue();
    assertThat(sps.chromaFormatIdc()).isEqualTo(chroma);
    assertThat(sps.bitDepthLuma()).isEqualTo(depth);
    assertThat(sps.bitDepthChroma()).isEqualTo(depth);
    assertThat(sps.frameMbsOnly()).isEqualTo(progressive);
    assertThat(sps.picOrderCntType()).isEqualTo(poc);
    assertThat(sps.maxNumRefFrames()).isEqualTo(refs);
    assertThat(sps.maxNumReorderFrames()).isEqualTo(reorder);
  }

  @Test
  void keepsTheVuiTimingFieldsAsWritten() throws H264Exception {
    Sps sps = Sps.parse(Hex.bytes("674d4020eca02b030f37808800001f480007530078c18cb0"));
    assertThat(sps.numUnitsInTick()).isEqualTo(1001);
    assertThat(sps.timeScale()).isEqualTo(60000);
    assertThat(sps.fixedFrameRate()).isFalse();
    assertThat(sps.cropRight()).isEqualTo(5);
    assertThat(sps.codecString()).isEqualTo("avc1.4d4020");
  }

  @Test
  void parsesFromTheMiddleOfABuffer() throws H264Exception {
    byte[] sps = Hex.bytes("6742c01eda0280bfe5c044000003000400000300c83c58ba80");
    byte[] buf = new byte[sps.length + 10];
    System.arraycopy(sps, 0, buf, 5, sps.length);
    assertThat(Sps.parse(buf, 5, sps.length)).isEqualTo(Sps.parse(sps));
  }

  /** A baseline SPS without cropping, up to (excluding) the VUI flag. */
  private static RbspWriter baseline(int widthMbs, int heightMapUnits, boolean frameMbsOnly) {
    RbspWriter w = new RbspWriter().u(8, 66).u(8, 0xc0).u(8, 31).ue(0);
    w.ue(0).ue(2); // log2_max_frame_num_minus4, pic_order_cnt_type 2
    w.ue(1).flag(false).ue(widthMbs - 1).ue(heightMapUnits - 1).flag(frameMbsOnly);
    if (!frameMbsOnly) {
      w.flag(false);
    }
    return w.flag(true).flag(false); // direct_8x8_inference_flag, frame_cropping_flag
  }

  @Test
  void walksPictureOrderCountType1WithItsCycleOfOffsets() throws H264Exception {
    RbspWriter w = new RbspWriter().u(8, 77).u(8, 0).u(8, 30).ue(3);
    w.ue(2).ue(1); // log2_max_frame_num_minus4 = 2, pic_order_cnt_type = 1
    w.flag(false).se(-3).se(7).ue(3).se(2).se(-200).se(4000); // three offset_for_ref_frame
    w.ue(2).flag(false).ue(39).ue(29).flag(true).flag(true).flag(false).flag(false);
    Sps sps = Sps.parse(w.nal(0x67));
    assertThat(sps.picOrderCntType()).isEqualTo(1);
    assertThat(sps.id()).isEqualTo(3);
    assertThat(sps.log2MaxFrameNum()).isEqualTo(6);
    assertThat(sps.maxNumRefFrames()).isEqualTo(2);
    assertThat(sps.width()).isEqualTo(640);
    assertThat(sps.height()).isEqualTo(480);
  }

  @Test
  void reportsNoFrameRateAndNoReorderLimitWithoutAVui() throws H264Exception {
    Sps sps = Sps.parse(baseline(20, 15, true).flag(false).nal(0x67));
    assertThat(sps.timingInfoPresent()).isFalse();
    assertThat(sps.frameRate()).isZero();
    assertThat(sps.maxNumReorderFrames()).isEqualTo(-1);
    assertThat(sps.width()).isEqualTo(320);
    assertThat(sps.height()).isEqualTo(240);
  }

  @Test
  void skipsScalingListsIncludingOnesThatSwitchToTheDefaultEarly() throws H264Exception {
    for (int chroma : new int[] {1, 3}) {
      RbspWriter w = new RbspWriter().u(8, 100).u(8, 0).u(8, 40).ue(0);
      w.ue(chroma);
      if (chroma == 3) {
        w.flag(false); // separate_colour_plane_flag
      }
      w.ue(0).ue(0).flag(false).flag(true); // bit depths, bypass, seq_scaling_matrix_present
      int lists = chroma == 3 ? 12 : 8;
      for (int i = 0; i < lists; i++) {
        int size = i < 6 ? 16 : 64;
        switch (i % 3) {
          case 0 -> w.flag(false); // not present: fall back
          case 1 -> {
            w.flag(true).se(-8); // nextScale becomes 0 at once: useDefaultScalingMatrixFlag
          }
          default -> {
            w.flag(true);
            for (int j = 0; j < size; j++) {
              w.se(j % 2 == 0 ? 5 : -3); // a full list of deltas
            }
          }
        }
      }
      w.ue(0).ue(0).ue(4).ue(3).flag(false).ue(119).ue(67).flag(true).flag(true);
      w.flag(true).ue(0).ue(0).ue(0).ue(chroma == 3 ? 8 : 4); // crop 8 rows either way
      w.flag(false);
      Sps sps = Sps.parse(w.nal(0x67));
      assertThat(sps.chromaFormatIdc()).isEqualTo(chroma);
      assertThat(sps.width()).isEqualTo(1920);
      assertThat(sps.height()).isEqualTo(1080);
      assertThat(sps.maxNumRefFrames()).isEqualTo(3);
    }
  }

  @ParameterizedTest(name = "chroma_format_idc {0}, separate planes {1}, frame_mbs_only {2}")
  @CsvSource({
    // chroma, separate, frameMbsOnly, crop l, r, t, b, width, height
    "0, false, true,  1, 2, 3, 4, 317, 233",
    "0, false, false, 1, 2, 3, 4, 317, 242",
    "1, false, true,  1, 2, 3, 4, 314, 226",
    "1, false, false, 1, 2, 3, 4, 314, 228",
    "2, false, true,  1, 2, 3, 4, 314, 233",
    "2, false, false, 1, 2, 3, 4, 314, 242",
    "3, false, true,  1, 2, 3, 4, 317, 233",
    "3, true,  true,  1, 2, 3, 4, 317, 233",
    "3, true,  false, 1, 2, 3, 4, 317, 242",
  })
  void cropsInUnitsThatFollowTheChromaFormatAndFieldCoding(
      int chroma,
      boolean separate,
      boolean frameMbsOnly,
      int left,
      int right,
      int top,
      int bottom,
      int width,
      int height)
      throws H264Exception {
    // 320x240 coded: 20 MBs wide, 15 map units high progressive or 8 (x2) interlaced (256 rows).
    int mapUnits = frameMbsOnly ? 15 : 8;
    int codedHeight = frameMbsOnly ? 240 : 256;
    RbspWriter w = new RbspWriter().u(8, 244).u(8, 0).u(8, 30).ue(0).ue(chroma);
    if (chroma == 3) {
      w.flag(separate);
    }
    w.ue(0).ue(0).flag(false).flag(false);
    w.ue(0).ue(2).ue(1).flag(false).ue(19).ue(mapUnits - 1).flag(frameMbsOnly);
    if (!frameMbsOnly) {
      w.flag(true);
    }
    w.flag(true).flag(true).ue(left).ue(right).ue(top).ue(bottom).flag(false);
    Sps sps = Sps.parse(w.nal(0x67));
    assertThat(sps.width()).isEqualTo(width);
    assertThat(sps.height()).isEqualTo(height);
    assertThat(codedHeight - sps.height()).isPositive();
  }

  @Test
  void walksHrdParametersAndReadsTheBitstreamRestriction() throws H264Exception {
    RbspWriter w = baseline(80, 45, true).flag(true); // vui_parameters_present_flag
    w.flag(true).u(8, 255).u(16, 4).u(16, 3); // Extended_SAR 4:3
    w.flag(true).flag(false); // overscan
    w.flag(true).u(3, 5).flag(true).flag(true).u(8, 1).u(8, 1).u(8, 1); // video signal, colour
    w.flag(true).ue(1).ue(1); // chroma location
    w.flag(true).u(32, 1000).u(32, 50000).flag(true); // timing: 25 fps, fixed
    for (int hrd = 0; hrd < 2; hrd++) { // NAL and VCL HRD parameters
      w.flag(true).ue(1).u(4, 2).u(4, 3);
      for (int i = 0; i < 2; i++) {
        w.ue(9999).ue(29999).flag(i == 1);
      }
      w.u(5, 23).u(5, 23).u(5, 23).u(5, 24);
    }
    w.flag(true).flag(false); // low_delay_hrd_flag, pic_struct_present_flag
    w.flag(true).flag(true).ue(2).ue(1).ue(16).ue(16).ue(1).ue(3); // bitstream restriction
    Sps sps = Sps.parse(w.nal(0x67));
    assertThat(sps.frameRate()).isEqualTo(25.0);
    assertThat(sps.fixedFrameRate()).isTrue();
    assertThat(sps.maxNumReorderFrames()).isEqualTo(1);
    assertThat(sps.width()).isEqualTo(1280);
    assertThat(sps.height()).isEqualTo(720);
  }

  @Test
  void rejectsWhatIsNotAnSps() {
    assertThatThrownBy(() -> Sps.parse(Hex.bytes("68ce3c80")))
        .isInstanceOf(H264Exception.class)
        .hasMessage("NAL unit type 8 is not an SPS (7)");
    assertThatThrownBy(() -> Sps.parse(Hex.bytes("e742c01eda")))
        .isInstanceOf(H264Exception.class)
        .hasMessage("SPS NAL header 0xe7 has forbidden_zero_bit set");
    assertThatThrownBy(() -> Sps.parse(Hex.bytes("6742c0")))
        .isInstanceOf(H264Exception.class)
        .hasMessage("SPS NAL unit of 3 bytes is shorter than its 4-byte head");
  }

  @Test
  void namesTheFieldWhereATruncatedSpsEnds() {
    byte[] sps = Hex.bytes("67640028acd940780227e5c044000003000400000300f03c60c658");
    assertThatThrownBy(() -> Sps.parse(sps, 0, 8))
        .isInstanceOf(H264Exception.class)
        .hasMessage(
            "truncated reading pic_height_in_map_units_minus1: needs 1 bits at bit 56, only 0 left");
  }

  @Test
  void failsCleanlyOnEveryTruncationOfARealSps() {
    byte[] sps = Hex.bytes("67640028acd940780227e5c044000003000400000300f03c60c658");
    for (int len = 0; len < sps.length - 1; len++) {
      byte[] cut = Arrays.copyOf(sps, len);
      assertThatThrownBy(() -> Sps.parse(cut)).isInstanceOf(H264Exception.class);
    }
  }

  @Test
  void enforcesLimitsWithTheOffendingValues() {
    RbspWriter badId = new RbspWriter().u(8, 66).u(8, 0).u(8, 30).ue(32);
    assertThatThrownBy(() -> Sps.parse(badId.nal(0x67)))
        .isInstanceOf(H264Exception.class)
        .hasMessage("seq_parameter_set_id 32 is above its maximum 31");

    RbspWriter tooWide = new RbspWriter().u(8, 66).u(8, 0).u(8, 30).ue(0).ue(0).ue(2).ue(1);
    tooWide.flag(false).ue(1024).ue(10);
    assertThatThrownBy(() -> Sps.parse(tooWide.nal(0x67)))
        .isInstanceOf(H264Exception.class)
        .hasMessage("pic_width_in_mbs_minus1 1024 is above its maximum 1023");

    RbspWriter tooTall = new RbspWriter().u(8, 66).u(8, 0).u(8, 30).ue(0).ue(0).ue(2).ue(1);
    tooTall.flag(false).ue(10).ue(600).flag(false);
    assertThatThrownBy(() -> Sps.parse(tooTall.nal(0x67)))
        .isInstanceOf(H264Exception.class)
        .hasMessage("coded height 19232 (interlaced, 601 map units) is above the maximum 16384");

    RbspWriter croppedAway = new RbspWriter().u(8, 66).u(8, 0).u(8, 30).ue(0).ue(0).ue(2).ue(1);
    croppedAway.flag(false).ue(19).ue(14).flag(true).flag(true);
    croppedAway.flag(true).ue(80).ue(80).ue(0).ue(0).flag(false);
    byte[] nal = croppedAway.nal(0x67);
    assertThatThrownBy(() -> Sps.parse(nal))
        .isInstanceOf(H264Exception.class)
        .hasMessage(
            "frame cropping (left 80, right 80, top 0, bottom 0) leaves no picture of the coded"
                + " 320x240");

    RbspWriter badDepth = new RbspWriter().u(8, 110).u(8, 0).u(8, 30).ue(0).ue(1).ue(7);
    assertThatThrownBy(() -> Sps.parse(badDepth.nal(0x67)))
        .isInstanceOf(H264Exception.class)
        .hasMessage("bit_depth_luma_minus8 7 is above its maximum 6");
  }
}
