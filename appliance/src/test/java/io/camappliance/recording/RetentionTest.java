package io.camappliance.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.media.StreamHeader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final long HOUR = 3_600_000L;
  @TempDir Path dir;
  private final StreamHeader header = TestMkv.syntheticHeader(1);

  private RecordingSettings settings() {
    return RecordingSettings.defaults(dir)
        .withSegmentDuration(Duration.ofSeconds(10))
        .withEdgeRetentionInHours(1);
  }

  @Test
  void deletesSegmentsWhoseLastFragmentIsOlderThanTheRetentionButNeverTheOpenOne()
      throws IOException {
    MutableClock clock = new MutableClock(T0);
    SyntheticCamera cam = new SyntheticCamera(header, T0, 100, 10, 100);
    try (Recorder rec = Recorder.start(settings(), clock, f -> {})) {
      cam.fragments(rec, 35); // segments T0, +10 s, +20 s, +30 s (open, 5 fragments)
      rec.awaitDrained(Duration.ofSeconds(5));
      assertThat(rec.index().segmentCount()).isEqualTo(4);
      clock.set(T0 + HOUR + 20_500); // the first two segments ended more than 1 h ago
      cam.fragments(rec, 1);
      rec.awaitDrained(Duration.ofSeconds(5));
      assertThat(rec.index().ranges()).containsExactly(new RecordedRange(T0 + 20_000, T0 + 35_000));
      clock.set(T0 + 10 * HOUR); // everything expired, but the open segment stays
      cam.fragments(rec, 1);
      rec.awaitDrained(Duration.ofSeconds(5));
      assertThat(rec.index().segmentFiles())
          .containsExactly(dir.resolve("seg-" + (T0 + 30_000) + ".mkv"));
    }
    assertThat(Segments.dataFiles(dir)).hasSize(1);
  }

  @Test
  void atTheSizeCapDeleteOldestMediaDeletesOldestSegmentsFirstAndKeepsRecording()
      throws IOException {
    long cap = 250_000;
    SyntheticCamera cam = new SyntheticCamera(header, T0, 100, 10, 1000);
    try (Recorder rec =
        Recorder.start(settings().withMaxLocalMediaSizeBytes(cap), new MutableClock(T0), f -> {})) {
      for (int i = 0; i < 60; i++) {
        cam.fragments(rec, 1);
        rec.awaitDrained(Duration.ofSeconds(5));
        assertThat(rec.index().totalBytes()).isLessThan(cap + 11_000); // one fragment over at most
      }
      rec.onEnd();
      rec.awaitDrained(Duration.ofSeconds(5));
      RecordingStatus st = rec.status();
      assertThat(st.state()).isEqualTo(RecordingState.RECORDING);
      assertThat(st.framesDropped()).isZero();
      List<Path> kept = rec.index().segmentFiles();
      assertThat(kept.get(kept.size() - 1)).isEqualTo(dir.resolve("seg-" + (T0 + 50_000) + ".mkv"));
      assertThat(kept).doesNotContain(dir.resolve("seg-" + T0 + ".mkv"));
      assertThat(Segments.dataFiles(dir)).containsExactlyElementsOf(kept);
      long onDisk = 0;
      for (Path p : kept) {
        onDisk += Files.size(p) + Files.size(Path.of(p.toString().replace(".mkv", ".idx")));
      }
      assertThat(st.bytes()).isEqualTo(onDisk);
    }
  }

  @Test
  void atTheSizeCapDenyNewMediaDropsAndCountsUntilRetentionFreesSpace() throws IOException {
    MutableClock clock = new MutableClock(T0);
    SyntheticCamera cam = new SyntheticCamera(header, T0, 100, 10, 1000);
    RecordingSettings s =
        settings()
            .withMaxLocalMediaSizeBytes(150_000)
            .withStrategyOnFullSize(StrategyOnFullSize.DENY_NEW_MEDIA);
    try (Recorder rec = Recorder.start(s, clock, f -> {})) {
      for (int i = 0; i < 30; i++) {
        cam.fragments(rec, 1);
        rec.awaitDrained(Duration.ofSeconds(5));
      }
      RecordingStatus st = rec.status();
      assertThat(st.state()).isEqualTo(RecordingState.DENIED_FULL);
      assertThat(st.message()).contains(dir.toString()).contains("DENY_NEW_MEDIA");
      assertThat(st.droppedDenied()).isPositive();
      assertThat(st.framesWritten() + st.droppedDenied()).isEqualTo(300);
      assertThat(rec.index().segmentFiles()).startsWith(dir.resolve("seg-" + T0 + ".mkv"));

      clock.set(T0 + 2 * HOUR); // retention frees everything recorded so far
      cam.fragments(rec, 1);
      rec.onEnd();
      rec.awaitDrained(Duration.ofSeconds(5));
      assertThat(rec.status().state()).isEqualTo(RecordingState.RECORDING);
      assertThat(rec.index().fragments(Long.MIN_VALUE, Long.MAX_VALUE))
          .singleElement()
          .extracting(RecordedFragment::firstSequence)
          .isEqualTo(300L);
    }
  }
}
