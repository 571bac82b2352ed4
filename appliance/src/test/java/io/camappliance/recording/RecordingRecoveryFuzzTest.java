package io.camappliance.recording;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;

class RecordingRecoveryFuzzTest {
  private static final byte[] HEADER = TestMkv.syntheticHeader(1).bytes();

  /**
   * A segment whose sidecar and data are arbitrary (records get valid CRCs half the time so the
   * deeper checks are reached): recovery never fails, and what survives is consistent.
   */
  @FuzzTest(maxDuration = "10s")
  void recoversAnyDamagedSegment(FuzzedDataProvider in) throws IOException {
    Path dir = Files.createTempDirectory("recovery-fuzz");
    try {
      boolean fixCrc = in.consumeBoolean();
      int records = in.consumeInt(0, 4);
      ByteBuffer idx = ByteBuffer.allocate(IndexFile.HEADER_SIZE + records * IndexRecord.SIZE + 8);
      idx.put(IndexFile.header(HEADER.length));
      for (int i = 0; i < records; i++) {
        byte[] rec = in.consumeBytes(IndexRecord.SIZE);
        rec = java.util.Arrays.copyOf(rec, IndexRecord.SIZE);
        if (fixCrc) {
          CRC32 crc = new CRC32();
          crc.update(rec, 0, IndexRecord.SIZE - 4);
          ByteBuffer.wrap(rec).putInt(IndexRecord.SIZE - 4, (int) crc.getValue());
        }
        idx.put(rec);
      }
      idx.put(in.consumeBytes(in.consumeInt(0, 8)));
      Files.write(dir.resolve("seg-1.idx"), java.util.Arrays.copyOf(idx.array(), idx.position()));
      byte[] tail = in.consumeRemainingAsBytes();
      byte[] data = java.util.Arrays.copyOf(HEADER, HEADER.length + tail.length);
      System.arraycopy(tail, 0, data, HEADER.length, tail.length);
      Files.write(dir.resolve("seg-1.mkv"), data);

      RecordingRecovery.recover(dir);

      List<RecordedFragment> fragments =
          RecordingIndex.load(dir).fragments(Long.MIN_VALUE, Long.MAX_VALUE);
      if (Files.exists(dir.resolve("seg-1.mkv"))) {
        long size = Files.size(dir.resolve("seg-1.mkv"));
        assertThat(fragments).isNotEmpty();
        long expected = HEADER.length;
        for (RecordedFragment f :
            RecordingIndex.load(dir).fragments(Long.MIN_VALUE, Long.MAX_VALUE).stream()
                .sorted((a, b) -> Long.compare(a.offset(), b.offset()))
                .toList()) {
          assertThat(f.offset()).isEqualTo(expected);
          expected = f.offset() + f.length();
        }
        assertThat(expected).isEqualTo(size);
      } else {
        assertThat(fragments).isEmpty();
      }
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }
}
