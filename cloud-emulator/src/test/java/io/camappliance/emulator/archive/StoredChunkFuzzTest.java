package io.camappliance.emulator.archive;

import com.code_intelligence.jazzer.junit.FuzzTest;

class StoredChunkFuzzTest {

  /** Arbitrary bytes parse or fail with IllegalArgumentException, nothing else. */
  @FuzzTest(maxDuration = "10s")
  void parsesOrRefusesArbitraryBytes(byte[] data) {
    try {
      StoredChunk.parse(data);
    } catch (IllegalArgumentException expected) {
      // refused with a message
    }
  }
}
