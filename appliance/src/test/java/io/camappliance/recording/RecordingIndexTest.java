package io.camappliance.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.media.StreamHeader;
import io.camappliance.mkv.EbmlReader;
import io.camappliance.mkv.MkvIds;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingIndexTest {
  private static final long T0 = System.currentTimeMillis() / 1000 * 1000;
  @TempDir Path dir;
  private final StreamHeader header = TestMkv.syntheticHeader(7);

  /** 0-3 s (three 1 s fragments), a 5 s gap, then 8-10 s in a second recording session. */
  @BeforeEach
  void record() {
    RecordingSettings s =
        RecordingSettings.defaults(dir).withSegmentDuration(Duration.ofSeconds(10));
    SyntheticCamera cam = new SyntheticCamera(header, T0, 100, 10, 300);
    try (Recorder rec = Recorder.start(s)) {
      cam.fragments(rec, 3);
      rec.onEnd();
      rec.awaitDrained(Duration.ofSeconds(5));
    }
    cam.timecode = T0 + 8000;
    try (Recorder rec = Recorder.start(s)) {
      cam.fragments(rec, 2);
      rec.onEnd();
      rec.awaitDrained(Duration.ofSeconds(5));
    }
  }

  @Test
  void rebuildsFromTheSidecarsAndListsRecordedRanges() throws IOException {
    RecordingIndex index = RecordingIndex.load(dir);
    assertThat(index.segmentCount()).isEqualTo(2);
    assertThat(index.ranges())
        .containsExactly(
            new RecordedRange(T0, T0 + 3000), new RecordedRange(T0 + 8000, T0 + 10_000));
    assertThat(index.totalBytes()).isEqualTo(sizeOfSegmentFiles());
  }

  @Test
  void findsTheFragmentContainingATimeAndNothingInAGap() throws IOException {
    RecordingIndex index = RecordingIndex.load(dir);
    RecordedFragment f = index.fragmentAt(T0 + 1999).orElseThrow();
    assertThat(f.timecodeMillis()).isEqualTo(T0 + 1000);
    assertThat(f.firstSequence()).isEqualTo(10);
    assertThat(f.segment()).isEqualTo(dir.resolve("seg-" + T0 + ".mkv"));
    assertThat(index.fragmentAt(T0 + 3000)).isEmpty();
    assertThat(index.fragmentAt(T0 + 8000).orElseThrow().firstSequence()).isEqualTo(30);
    assertThat(index.fragments(T0 + 2500, T0 + 8500))
        .extracting(RecordedFragment::timecodeMillis)
        .containsExactly(T0 + 2000, T0 + 8000);
  }

  @Test
  void readsFragmentsBackInTimeOrderWithTheirHeader() throws IOException {
    RecordingReader reader = new RecordingReader(RecordingIndex.load(dir));
    List<RecordedFragment> after = reader.fragmentsAfter(T0 + 2000);
    assertThat(after).extracting(RecordedFragment::firstSequence).containsExactly(30L, 40L);
    RecordedFragment f = after.get(0);
    assertThat(reader.header(f)).isEqualTo(header.bytes());
    byte[] bytes = reader.read(f);
    assertThat(bytes).hasSize(f.length());
    EbmlReader r = EbmlReader.of(bytes);
    assertThat(r.readElement(0).id()).isEqualTo(MkvIds.TAGS);
    int[] blocks = {0};
    EbmlReader.ScanResult scan =
        r.scan(0, (e, depth) -> blocks[0] += e.id() == MkvIds.SIMPLE_BLOCK ? 1 : 0);
    assertThat(scan.truncated()).isFalse();
    assertThat(blocks[0]).isEqualTo(10);
    ByteBuffer dst = ByteBuffer.allocate(f.length() + 5).position(5);
    reader.read(f, dst);
    assertThat(dst.position()).isEqualTo(f.length() + 5);
    assertThat(dst.flip().position(5)).isEqualTo(ByteBuffer.wrap(bytes));
  }

  private long sizeOfSegmentFiles() throws IOException {
    long sum = 0;
    try (var files = java.nio.file.Files.list(dir)) {
      for (Path p : files.toList()) {
        sum += java.nio.file.Files.size(p);
      }
    }
    return sum;
  }
}
