package io.camappliance.kvs;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

class AckParserFuzzTest {

  /**
   * Any bytes, cut anywhere: the parser never throws, and feeding the same bytes in two pieces
   * yields the same ACKs and malformed count as feeding them at once.
   */
  @FuzzTest(maxDuration = "10s")
  void neverThrowsAndIgnoresHowTheBytesAreSplit(byte[] data) {
    List<Ack> whole = new ArrayList<>();
    AckParser a = new AckParser(whole::add);
    a.feed(data, 0, data.length);
    a.end();

    List<Ack> split = new ArrayList<>();
    AckParser b = new AckParser(split::add);
    int cut = data.length == 0 ? 0 : (data[0] & 0xFF) % (data.length + 1);
    b.feed(data, 0, cut);
    b.feed(data, cut, data.length - cut);
    b.end();

    assertThat(split).isEqualTo(whole);
    assertThat(b.malformed()).isEqualTo(a.malformed());
    assertThat(a.acks()).isEqualTo(whole.size());
    for (Ack ack : whole) {
      assertThat(ack.fragmentNumber()).isNotNull();
    }
  }
}
