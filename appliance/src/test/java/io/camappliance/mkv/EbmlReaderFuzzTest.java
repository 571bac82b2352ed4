package io.camappliance.mkv;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

class EbmlReaderFuzzTest {

  /** Arbitrary bytes either scan, stop at a truncated tail, or fail with an EbmlException. */
  @FuzzTest(maxDuration = "10s")
  void readsArbitraryBytesWithoutCrashing(byte[] data) throws IOException {
    EbmlReader r = EbmlReader.of(data);
    try {
      EbmlReader.ScanResult result =
          r.scan(
              0,
              (e, depth) -> {
                if (e.id() == MkvIds.SIMPLE_BLOCK) {
                  r.readSimpleBlockHeader(e);
                } else if (e.id() == MkvIds.TIMECODE) {
                  r.readUnsigned(e);
                } else if (e.id() == MkvIds.TRACKS) {
                  r.findChild(e, MkvIds.TRACK_ENTRY);
                }
              });
      if (result.completeEnd() > data.length) {
        throw new IllegalStateException("complete end " + result.completeEnd() + " past data");
      }
    } catch (EbmlException expected) {
      // invalid input is reported, never a crash
    }
  }
}
