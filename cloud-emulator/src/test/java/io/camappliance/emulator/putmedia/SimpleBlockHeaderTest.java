package io.camappliance.emulator.putmedia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class SimpleBlockHeaderTest {
  @Test
  void readsTheDataModelsExampleKeyFrameHeader() throws Exception {
    // kvs-data-model §2: track 1, relative timecode 0, key frame.
    ByteBuffer b = ByteBuffer.wrap(new byte[] {(byte) 0x81, 0x00, 0x00, (byte) 0x80, 0, 0, 0, 1});
    assertThat(SimpleBlockHeader.parse(b)).isEqualTo(new SimpleBlockHeader(1, (short) 0, true, 4));
    assertThat(b.position()).isZero();
  }

  @Test
  void readsATwoByteTrackNumberAndANegativeTimecode() throws Exception {
    ByteBuffer b = ByteBuffer.wrap(new byte[] {0x40, 0x7F, (byte) 0xFF, (byte) 0xF6, 0x00});
    assertThat(SimpleBlockHeader.parse(b))
        .isEqualTo(new SimpleBlockHeader(127, (short) -10, false, 5));
  }

  @Test
  void refusesATruncatedHeaderNamingItsSize() {
    assertThatThrownBy(() -> SimpleBlockHeader.parse(ByteBuffer.wrap(new byte[] {0x40, 1, 0, 0})))
        .isInstanceOf(MalformedMkvException.class)
        .hasMessageContaining("block of 4 bytes");
  }
}
