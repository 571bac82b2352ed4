package io.camappliance.h264;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * AVCC samples come from MP4 and Matroska files being replayed: a malformed length must be reported
 * by {@link Avcc#problem} and as {@link H264Exception}, never as another exception. The first input
 * byte picks the length size (1, 2 or 4), the rest is the sample.
 */
class AvccFuzzTest {

  @FuzzTest
  void walksAnySampleOrReportsTheBadLength(byte[] input) throws H264Exception {
    if (input.length == 0) {
      return;
    }
    int lengthSize = new int[] {1, 2, 4}[(input[0] & 0xFF) % 3];
    int off = 1;
    int len = input.length - 1;
    String problem = Avcc.problem(input, off, len, lengthSize);
    if (problem != null) {
      assertThatThrownBy(() -> Avcc.forEachNalUnit(input, off, len, lengthSize, (b, o, l) -> {}))
          .isInstanceOf(H264Exception.class)
          .hasMessage(problem);
      return;
    }
    AtomicInteger bytes = new AtomicInteger();
    int count =
        Avcc.forEachNalUnit(
            input,
            off,
            len,
            lengthSize,
            (b, o, l) -> {
              assertThat(l).isPositive();
              assertThat(o).isGreaterThanOrEqualTo(off);
              assertThat(o + l).isLessThanOrEqualTo(off + len);
              bytes.addAndGet(l);
            });
    assertThat(bytes.get() + count * lengthSize).isEqualTo(len);
    byte[] annexB = Avcc.toAnnexB(input, off, len, lengthSize);
    assertThat(annexB).hasSize(bytes.get() + 4 * count);
  }
}
