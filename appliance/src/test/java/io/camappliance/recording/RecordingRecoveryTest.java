package io.camappliance.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.media.StreamHeader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingRecoveryTest {
  private static final long T0 = System.currentTimeMillis();
  @TempDir Path dir;
  private Path data;
  private Path index;
  private long cleanDataSize;

  /** One segment of three 10-frame fragments. */
  @BeforeEach
  void recordThreeFragments() throws IOException {
    StreamHeader h = TestMkv.syntheticHeader(1);
    SyntheticCamera cam = new SyntheticCamera(h, T0, 33, 10, 200);
    try (Recorder rec = Recorder.start(RecordingSettings.defaults(dir))) {
      cam.fragments(rec, 3);
      rec.onEnd();
      rec.awaitDrained(Duration.ofSeconds(5));
    }
    data = dir.resolve("seg-" + T0 + ".mkv");
    index = dir.resolve("seg-" + T0 + ".idx");
    cleanDataSize = Files.size(data);
  }

  @Test
  void leavesAConsistentSegmentAlone() throws IOException {
    RecordingRecovery.Report r = RecordingRecovery.recover(dir);
    assertThat(r).isEqualTo(new RecordingRecovery.Report(1, 0, 0, 0));
    assertThat(Files.size(data)).isEqualTo(cleanDataSize);
  }

  @Test
  void truncatesAnUnfinishedFragmentAfterTheLastIndexedOne() throws IOException {
    append(data, new byte[] {0x1F, 0x43, (byte) 0xB6, 0x75, (byte) 0xFF, (byte) 0xE7, (byte) 0x81});
    RecordingRecovery.Report r = RecordingRecovery.recover(dir);
    assertThat(r.dataBytesTruncated()).isEqualTo(7);
    assertThat(Files.size(data)).isEqualTo(cleanDataSize);
    assertThat(Segments.blockCountPerCluster(data)).containsExactly(10L, 10L, 10L);
  }

  @Test
  void dropsATornIndexRecordAndItsFragment() throws IOException {
    long idxSize = Files.size(index);
    truncate(index, idxSize - 5); // the last record lost its CRC
    RecordingRecovery.Report r = RecordingRecovery.recover(dir);
    assertThat(r.indexRecordsDropped()).isEqualTo(1);
    assertThat(Files.size(index)).isEqualTo(IndexFile.HEADER_SIZE + 2L * IndexRecord.SIZE);
    assertThat(Segments.blockCountPerCluster(data)).containsExactly(10L, 10L);
  }

  @Test
  void dropsARecordWhoseCrcDoesNotMatch() throws IOException {
    try (FileChannel ch = FileChannel.open(index, StandardOpenOption.WRITE)) {
      ch.write(
          java.nio.ByteBuffer.wrap(new byte[] {0x55}),
          IndexFile.HEADER_SIZE + IndexRecord.SIZE + 3);
    }
    RecordingRecovery.recover(dir);
    assertThat(Segments.blockCountPerCluster(data)).containsExactly(10L);
    assertThat(RecordingIndex.load(dir).fragments(Long.MIN_VALUE, Long.MAX_VALUE)).hasSize(1);
  }

  @Test
  void dropsARecordPointingPastTheDataFile() throws IOException {
    truncate(data, cleanDataSize - 1);
    RecordingRecovery.recover(dir);
    assertThat(Segments.blockCountPerCluster(data)).containsExactly(10L, 10L);
  }

  @Test
  void deletesSegmentsWithoutAnyCompleteFragmentAndOrphanFiles() throws IOException {
    truncate(index, IndexFile.HEADER_SIZE - 1);
    Files.write(dir.resolve("seg-5.idx"), new byte[] {1, 2, 3});
    Files.write(dir.resolve("seg-6.mkv"), new byte[] {1, 2, 3});
    Files.write(dir.resolve("notes.txt"), new byte[] {1});
    RecordingRecovery.Report r = RecordingRecovery.recover(dir);
    assertThat(r.segmentsKept()).isZero();
    assertThat(r.filesDeleted()).isEqualTo(4);
    assertThat(dir.resolve("notes.txt")).exists();
    assertThat(Segments.dataFiles(dir)).isEmpty();
  }

  private static void append(Path f, byte[] b) throws IOException {
    Files.write(f, b, StandardOpenOption.APPEND);
  }

  private static void truncate(Path f, long size) throws IOException {
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
      ch.truncate(size);
    }
  }
}
