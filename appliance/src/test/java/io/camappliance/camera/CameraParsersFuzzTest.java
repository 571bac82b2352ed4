package io.camappliance.camera;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.camappliance.media.EncodedFrame;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Coverage-guided fuzzing of the camera package's parsers of untrusted bytes: the access-unit
 * splitter (a camera process's output) and the frame assembler (anything). The avcC record and AVCC
 * packets of files are the h264 package's, fuzzed there. Without a fuzzing run these replay their
 * corpus as regression tests.
 */
class CameraParsersFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void splitterHandsOutEveryByteFromTheFirstStartCodeOn(byte[] data) throws IOException {
    AccessUnitSplitter splitter = new AccessUnitSplitter(new ByteArrayInputStream(data));
    long total = 0;
    int n;
    while ((n = splitter.next()) >= 0) {
      assertThat(n).isPositive();
      byte[] b = splitter.buffer();
      int o = splitter.offset();
      boolean startCode =
          n >= 3
              && b[o] == 0
              && b[o + 1] == 0
              && (b[o + 2] == 1 || (n >= 4 && b[o + 2] == 0 && b[o + 3] == 1));
      assertThat(startCode).as("access unit starts with a start code").isTrue();
      total += n;
    }
    assertThat(total).isLessThanOrEqualTo(data.length);
  }

  @FuzzTest(maxDuration = "30s")
  void assemblerEitherBuildsAStampedFrameOrCountsARejection(byte[] data) {
    FrameAssembler a = new FrameAssembler(64, 48, 30);
    a.parameterSets(new byte[] {0x67, 0x42}, new byte[] {0x68, 0x01});
    long before = a.rejected() + a.skippedBeforeKeyframe();
    EncodedFrame f = a.assemble(data, 0, data.length, 1, 2);
    if (f == null) {
      assertThat(a.rejected() + a.skippedBeforeKeyframe()).isEqualTo(before + 1);
    } else {
      assertThat(Frames.stamps(f)).hasSize(1);
    }
  }
}
