package io.camappliance.camera;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.h264.FrameStamp;
import io.camappliance.media.EncodedFrame;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrameAssemblerTest {
  private static final byte[] AUD = hex("09f0");
  // Baseline 3.0, 320x240, no VUI timing.
  private static final byte[] SPS = hex("6742c01e8c8d40a0fd00f0884530");
  private static final byte[] SPS2 = hex("6742c01f8c8d40a0fd00f0884530");
  private static final byte[] PPS = hex("68ce3c80");
  private static final byte[] OTHER_SEI = hex("06050811223344556677880080");
  private static final byte[] IDR = hex("65888400aabbcc");
  private static final byte[] P = hex("419a0202ddeeff");

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  /** NAL units joined with 4-byte start codes. */
  private static byte[] annexB(byte[]... nals) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] nal : nals) {
      out.write(0);
      out.write(0);
      out.write(0);
      out.write(1);
      out.write(nal, 0, nal.length);
    }
    return out.toByteArray();
  }

  private static EncodedFrame assemble(FrameAssembler a, byte[] au, long pts, long capture) {
    return a.assemble(au, 0, au.length, pts, capture);
  }

  private static byte[] bytes(EncodedFrame f) {
    return Arrays.copyOf(f.data(), f.length());
  }

  @Test
  void addsParameterSetsAfterTheDelimiterAndTheStampBeforeTheSliceOfABareIdr() {
    FrameAssembler a = new FrameAssembler(640, 480, 25);
    a.parameterSets(SPS, PPS);
    EncodedFrame f = assemble(a, annexB(AUD, IDR), 1_000, 77);
    byte[] stamp = new FrameStamp(77, 0).toNalUnit();
    assertThat(bytes(f)).isEqualTo(annexB(AUD, SPS, PPS, stamp, IDR));
    assertThat(f.keyframe()).isTrue();
    assertThat(f.sequence()).isZero();
    assertThat(f.ptsMicros()).isEqualTo(1_000);
    assertThat(f.dtsMicros()).isEqualTo(1_000);
    assertThat(f.captureEpochMicros()).isEqualTo(77);
    assertThat(f.format().sps()).isEqualTo(SPS);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "size from the SPS and rate from the settings: no VUI timing, 6742c01e8c8d40a0fd00f0884530,"
        + " 320, 240, 30",
    "size and rate (time_scale 50 / 2) from the SPS, 6742c00ad9047b011000000300100000030320f1226480,"
        + " 64, 48, 25",
    "both from the settings: the SPS is truncated, 6742c01e8c, 640, 480, 30"
  })
  void takesPictureSizeAndFrameRateFromTheSpsWhereItTellsThem(
      String why, String sps, int width, int height, int fps) {
    FrameAssembler a = new FrameAssembler(640, 480, 30);
    EncodedFrame f = assemble(a, annexB(hex(sps), PPS, IDR), 0, 0);
    assertThat(f.format().sps()).isEqualTo(hex(sps));
    assertThat(f.format().width()).isEqualTo(width);
    assertThat(f.format().height()).isEqualTo(height);
    assertThat(f.format().frameRate()).isEqualTo(fps);
  }

  @Test
  void putsTheStampAfterTheEncodersOwnSeiAndNumbersFramesByOne() {
    FrameAssembler a = new FrameAssembler(640, 480, 25);
    EncodedFrame idr = assemble(a, annexB(SPS, PPS, OTHER_SEI, IDR), 0, 5);
    assertThat(bytes(idr))
        .isEqualTo(annexB(SPS, PPS, OTHER_SEI, new FrameStamp(5, 0).toNalUnit(), IDR));
    EncodedFrame p = assemble(a, annexB(P), 40_000, 6);
    assertThat(bytes(p)).isEqualTo(annexB(new FrameStamp(6, 1).toNalUnit(), P));
    assertThat(p.keyframe()).isFalse();
    assertThat(p.sequence()).isEqualTo(1);
  }

  @Test
  void replacesAStampAlreadyInTheInput() {
    FrameAssembler a = new FrameAssembler(640, 480, 25);
    byte[] old = new FrameStamp(1, 999).toNalUnit();
    EncodedFrame f = assemble(a, annexB(SPS, PPS, old, IDR), 0, 2);
    assertThat(Frames.stamps(f)).containsExactly(new FrameStamp(2, 0));
  }

  @Test
  void skipsFramesUntilTheFirstIdrWithParameterSets() {
    FrameAssembler a = new FrameAssembler(640, 480, 25);
    assertThat(assemble(a, annexB(P), 0, 0)).isNull();
    assertThat(assemble(a, annexB(IDR), 1, 0)).isNull(); // no SPS/PPS known yet
    assertThat(a.skippedBeforeKeyframe()).isEqualTo(2);
    EncodedFrame f = assemble(a, annexB(SPS, PPS, IDR), 2, 0);
    assertThat(f.sequence()).isZero();
    assertThat(a.rejected()).isZero();
  }

  @Test
  void rejectsAndCountsAccessUnitsThatAreNotValidH264() {
    FrameAssembler a = new FrameAssembler(640, 480, 25);
    assertThat(assemble(a, new byte[] {1, 2, 3, 4}, 0, 0)).isNull(); // no start code
    assertThat(assemble(a, annexB(SPS, PPS), 0, 0)).isNull(); // no slice
    assertThat(assemble(a, annexB(hex("e5888400")), 0, 0)).isNull(); // forbidden_zero_bit
    assertThat(assemble(a, annexB(hex("1f01"), IDR), 0, 0)).isNull(); // type 31
    assertThat(assemble(a, annexB(hex("0000")), 0, 0)).isNull(); // type 0
    assertThat(a.rejected()).isEqualTo(5);
    assertThat(a.lastRejection()).isEqualTo("NAL unit #0 at offset 4 is empty");
    assertThat(assemble(a, annexB(SPS, PPS), 0, 0)).isNull();
    assertThat(a.lastRejection()).isEqualTo("no slice among its 2 NAL units");
    assertThat(assemble(a, annexB(hex("1f01"), IDR), 0, 0)).isNull();
    assertThat(a.lastRejection()).contains("type 31").contains("unspecified");
  }

  @Test
  void keepsOneFormatInstanceUntilTheParameterSetsChange() {
    FrameAssembler a = new FrameAssembler(640, 480, 25);
    EncodedFrame f0 = assemble(a, annexB(SPS, PPS, IDR), 0, 0);
    EncodedFrame f1 = assemble(a, annexB(P), 1, 0);
    EncodedFrame f2 = assemble(a, annexB(SPS, PPS, IDR), 2, 0);
    EncodedFrame f3 = assemble(a, annexB(SPS2, PPS, IDR), 3, 0);
    assertThat(f1.format()).isSameAs(f0.format());
    assertThat(f2.format()).isSameAs(f0.format());
    assertThat(f3.format()).isNotEqualTo(f0.format());
    assertThat(f3.format().sps()).isEqualTo(SPS2);
  }

  @Test
  void completesAnIdrThatCarriesANewSpsButNoPpsInDecodingOrder() {
    FrameAssembler a = new FrameAssembler(640, 480, 25);
    assemble(a, annexB(SPS, PPS, IDR), 0, 0);
    EncodedFrame f = assemble(a, annexB(AUD, SPS2, IDR), 1, 9);
    assertThat(bytes(f)).isEqualTo(annexB(AUD, SPS2, PPS, new FrameStamp(9, 1).toNalUnit(), IDR));
    assertThat(f.format().sps()).isEqualTo(SPS2);
  }

  @Test
  void neverLetsTimestampsGoBackwards() {
    FrameAssembler a = new FrameAssembler(640, 480, 25);
    assertThat(assemble(a, annexB(SPS, PPS, IDR), 100, 0).ptsMicros()).isEqualTo(100);
    assertThat(assemble(a, annexB(P), 50, 0).ptsMicros()).isEqualTo(101);
    assertThat(assemble(a, annexB(P), 101, 0).ptsMicros()).isEqualTo(102);
    assertThat(assemble(a, annexB(P), 500, 0).ptsMicros()).isEqualTo(500);
  }
}
