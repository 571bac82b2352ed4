package io.camappliance.emulator.putmedia;

import com.code_intelligence.jazzer.junit.FuzzTest;

class EbmlGuardFuzzTest {

  /**
   * Arbitrary bodies, in arbitrary pieces, are accepted or refused with a MalformedMkvException.
   */
  @FuzzTest(maxDuration = "10s")
  void refusesOrAcceptsArbitraryBytes(byte[] data) {
    EbmlGuard guard = new EbmlGuard(4096);
    int split = data.length == 0 ? 0 : (data[0] & 0xFF) % (data.length + 1);
    try {
      guard.accept(data, 0, split);
      guard.accept(data, split, data.length - split);
    } catch (MalformedMkvException expected) {
      // refused, with a message naming the offending values
    }
  }
}
