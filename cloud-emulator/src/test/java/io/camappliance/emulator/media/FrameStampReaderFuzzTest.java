package io.camappliance.emulator.media;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;

class FrameStampReaderFuzzTest {

  /** Arbitrary access units yield a stamp or none, never an exception, and stay unchanged. */
  @FuzzTest(maxDuration = "10s")
  void findsStampsInArbitraryBytes(byte[] data) {
    ByteBuffer b = ByteBuffer.wrap(data);
    FrameStampReader.find(b);
    if (b.position() != 0 || b.limit() != data.length) {
      throw new IllegalStateException("reader moved the buffer");
    }
  }
}
