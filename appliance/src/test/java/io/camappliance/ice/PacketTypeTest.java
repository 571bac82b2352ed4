package io.camappliance.ice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PacketTypeTest {

  @ParameterizedTest(name = "first byte {0} is {1}")
  @CsvSource({
    "0, STUN",
    "1, STUN",
    "3, STUN",
    "4, OTHER",
    "15, OTHER",
    "16, ZRTP",
    "19, ZRTP",
    "20, DTLS",
    "22, DTLS",
    "63, DTLS",
    "64, TURN_CHANNEL",
    "79, TURN_CHANNEL",
    "80, OTHER",
    "127, OTHER",
    "128, RTP",
    "144, RTP",
    "191, RTP",
    "192, OTHER",
    "255, OTHER",
  })
  void classifiesByTheRfc7983FirstByteRanges(int firstByte, PacketType expected) {
    assertThat(PacketType.of(firstByte)).isEqualTo(expected);
    assertThat(PacketType.of((byte) firstByte)).isEqualTo(expected);
  }
}
