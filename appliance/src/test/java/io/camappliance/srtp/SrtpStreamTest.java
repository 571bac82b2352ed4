package io.camappliance.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SrtpStreamTest {

  @ParameterizedTest(name = "highest ROC {0} s_l {1}, SEQ {2} -> ROC {3}")
  @CsvSource({
    // RFC 3711 appendix A: pick ROC-1, ROC or ROC+1, whichever puts SEQ nearest s_l.
    "0, 100,   101,   0",
    "0, 100,   5,     0",
    "0, 40000, 65535, 0",
    "0, 65535, 0,     1",
    "0, 65000, 300,   1",
    "1, 2,     65530, 0",
    "1, 2,     3,     1",
    "1, 32768, 0,     1",
    "1, 32769, 0,     2",
    "5, 10,    42000, 4",
    "5, 10,    32778, 5",
    "5, 10,    32779, 4",
    "0, 10,    60000, -1",
  })
  void estimatesTheRolloverCounterPerAppendixA(long roc, int sl, int seq, long expectedRoc) {
    long index = SrtpStream.estimateIndex(roc << 16 | sl, seq);
    if (expectedRoc < 0) {
      assertThat(index).isEqualTo(-1);
    } else {
      assertThat(index).isEqualTo(expectedRoc << 16 | seq);
    }
  }

  @ParameterizedTest
  @CsvSource({"0", "1000", "65535"})
  void theFirstPacketStartsAtRolloverCounterZero(int seq) {
    assertThat(SrtpStream.estimateIndex(-1, seq)).isEqualTo(seq);
  }
}
