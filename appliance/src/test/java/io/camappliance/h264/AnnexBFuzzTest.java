package io.camappliance.h264;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Access units come from cameras and files we do not control. Splitting, validating and re-framing
 * them must never throw, and AVCC written from them must read back as the same NAL units. In a
 * plain build this replays the corpus in {@code AnnexBFuzzTestInputs}; {@code scripts/fuzz.sh
 * AnnexBFuzzTest} fuzzes it.
 */
class AnnexBFuzzTest {

  @FuzzTest
  void splitsValidatesAndReframesAnyBytes(byte[] input) throws H264Exception {
    String problem = AnnexB.problem(input, 0, input.length);
    List<byte[]> nals = nalUnits(input);
    if (problem == null) {
      assertThat(nals).isNotEmpty();
    }

    for (int dropMask : new int[] {0, NalUnitType.DROP_AUD_AND_FILLER}) {
      int size = AnnexB.avccSize(input, 0, input.length, dropMask);
      ByteBuffer avcc = ByteBuffer.allocate(size);
      assertThat(AnnexB.toAvcc(input, 0, input.length, avcc, dropMask)).isEqualTo(size);
      assertThat(Avcc.problem(avcc.array(), 0, size, 4)).isNull();

      List<byte[]> kept = new ArrayList<>();
      for (byte[] nal : nals) {
        if ((dropMask & (1 << NalUnitType.of(nal[0]))) == 0) {
          kept.add(nal);
        }
      }
      List<byte[]> fromAvcc = new ArrayList<>();
      Avcc.forEachNalUnit(
          avcc.array(),
          0,
          size,
          4,
          (b, o, l) -> fromAvcc.add(java.util.Arrays.copyOfRange(b, o, o + l)));
      assertThat(fromAvcc).usingElementComparator(java.util.Arrays::compare).isEqualTo(kept);

      byte[] annexB = Avcc.toAnnexB(avcc.array(), 0, size, 4);
      assertThat(nalUnits(annexB))
          .usingElementComparator(java.util.Arrays::compare)
          .isEqualTo(kept);
    }

    boolean idr = AccessUnits.isIdr(input, 0, input.length);
    int vcl = AccessUnits.firstVclType(input, 0, input.length);
    assertThat(vcl == -1 || NalUnitType.isVcl(vcl)).isTrue();
    if (vcl == NalUnitType.IDR) {
      assertThat(idr).isTrue();
    }
    byte[] sps = AccessUnits.sps(input, 0, input.length);
    if (sps != null) {
      try {
        Sps.parse(sps);
      } catch (H264Exception expected) {
        assertThat(expected).hasMessageFindingMatch(".+");
      }
    }
  }

  private static List<byte[]> nalUnits(byte[] au) {
    List<byte[]> nals = new ArrayList<>();
    AnnexB.forEachNalUnit(
        au, 0, au.length, (b, o, l) -> nals.add(java.util.Arrays.copyOfRange(b, o, o + l)));
    return nals;
  }
}
