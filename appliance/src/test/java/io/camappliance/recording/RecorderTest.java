package io.camappliance.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.media.StreamHeader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecorderTest {
  private static final long T0 = 1_700_000_000_000L;
  @TempDir Path dir;

  private RecordingSettings settings() {
    return RecordingSettings.defaults(dir.resolve("rec"))
        .withSegmentDuration(Duration.ofSeconds(10));
  }

  @Test
  void writesFragmentsToASegmentNamedByItsFirstTimecodeWithAnIndexRecordEach() throws IOException {
    List<RecordedFragment> recorded = Collections.synchronizedList(new ArrayList<>());
    StreamHeader h = TestMkv.syntheticHeader(1);
    SyntheticCamera cam = new SyntheticCamera(h, T0, 33, 10, 500);
    try (Recorder rec = Recorder.start(settings(), new MutableClock(T0), recorded::add)) {
      rec.onHeader(h);
      cam.fragments(rec, 3);
      rec.onEnd();
      assertThat(rec.awaitDrained(Duration.ofSeconds(5))).isTrue();
      assertThat(rec.status().framesWritten()).isEqualTo(30);
      assertThat(rec.status().fragmentsWritten()).isEqualTo(3);
    }
    Path seg = dir.resolve("rec/seg-" + T0 + ".mkv");
    assertThat(Segments.dataFiles(dir.resolve("rec"))).containsExactly(seg);
    assertThat(Segments.blockCountPerCluster(seg)).containsExactly(10L, 10L, 10L);
    assertThat(Files.readAllBytes(seg)).startsWith(h.bytes());
    IndexFile.Contents idx = IndexFile.read(dir.resolve("rec/seg-" + T0 + ".idx"));
    assertThat(idx.torn()).isFalse();
    assertThat(idx.records())
        .extracting(
            IndexRecord::timecodeMillis, IndexRecord::firstSequence, IndexRecord::lastSequence)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(T0, 0L, 9L),
            org.assertj.core.groups.Tuple.tuple(T0 + 330, 10L, 19L),
            org.assertj.core.groups.Tuple.tuple(T0 + 660, 20L, 29L));
    assertThat(idx.records().get(0).durationMillis()).isEqualTo(330);
    assertThat(idx.records().get(0).offset()).isEqualTo(h.bytes().length);
    assertThat(recorded).extracting(RecordedFragment::lastSequence).containsExactly(9L, 19L, 29L);
  }

  @Test
  void rotatesSegmentsAtTheSegmentDurationAndWhenTheHeaderChanges() throws IOException {
    StreamHeader h1 = TestMkv.syntheticHeader(1);
    StreamHeader h2 = TestMkv.syntheticHeader(2);
    SyntheticCamera cam = new SyntheticCamera(h1, T0, 100, 10, 100);
    try (Recorder rec = Recorder.start(settings(), new MutableClock(T0), f -> {})) {
      rec.onHeader(h1);
      cam.fragments(rec, 25); // 1 s fragments: segments at 0, 10, 20 s
      rec.onHeader(h2);
      cam.header = h2;
      cam.fragments(rec, 2);
      rec.onEnd();
      rec.awaitDrained(Duration.ofSeconds(5));
      assertThat(rec.index().segmentCount()).isEqualTo(4);
      assertThat(rec.index().ranges()).containsExactly(new RecordedRange(T0, T0 + 27_000));
    }
    List<Path> files = Segments.dataFiles(dir.resolve("rec"));
    assertThat(files)
        .extracting(p -> p.getFileName().toString())
        .containsExactly(
            "seg-" + T0 + ".mkv",
            "seg-" + (T0 + 10_000) + ".mkv",
            "seg-" + (T0 + 20_000) + ".mkv",
            "seg-" + (T0 + 25_000) + ".mkv");
    assertThat(Segments.blockCountPerCluster(files.get(2))).hasSize(5);
    assertThat(Files.readAllBytes(files.get(3))).startsWith(h2.bytes());
  }

  @Test
  void dropsTheRestOfAFragmentWhenTheHandOffOverflowsAndCountsIt() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    StreamHeader h = TestMkv.syntheticHeader(1);
    SyntheticCamera cam = new SyntheticCamera(h, T0, 33, 10, 10_000);
    RecordingSettings s = settings().withHandoff(64 * 1024, 16);
    try (Recorder rec =
        Recorder.start(
            s,
            new MutableClock(T0),
            f -> {
              try {
                release.await(); // the writer stalls on the first durable fragment
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            })) {
      rec.onHeader(h);
      cam.fragments(rec, 6); // the packager keeps going; it must never block
      release.countDown();
      rec.awaitDrained(Duration.ofSeconds(5));
      for (int i = 0; i < 20; i++) { // paced: nothing more is dropped
        cam.frame(rec);
        rec.awaitDrained(Duration.ofSeconds(5));
      }
      rec.onEnd();
      rec.awaitDrained(Duration.ofSeconds(5));
      RecordingStatus st = rec.status();
      assertThat(st.droppedHandoffFull()).isPositive();
      assertThat(st.framesWritten() + st.framesDropped()).isEqualTo(80);
      for (RecordedFragment f : rec.index().fragments(Long.MIN_VALUE, Long.MAX_VALUE)) {
        assertThat(f.firstSequence() % 10).isZero(); // every fragment starts at its key frame
        assertThat(f.lastSequence() - f.firstSequence() + 1).isEqualTo(f.frameCount());
      }
      assertThat(rec.index().fragments(Long.MIN_VALUE, Long.MAX_VALUE))
          .last()
          .extracting(RecordedFragment::frameCount)
          .isEqualTo(10);
    }
  }

  @Test
  void resumesInANewSegmentAfterARestart() throws IOException {
    StreamHeader h = TestMkv.syntheticHeader(1);
    SyntheticCamera cam = new SyntheticCamera(h, T0, 33, 10, 100);
    try (Recorder rec = Recorder.start(settings(), new MutableClock(T0), f -> {})) {
      cam.fragments(rec, 2);
    }
    try (Recorder rec = Recorder.start(settings(), new MutableClock(T0), f -> {})) {
      assertThat(rec.index().fragments(Long.MIN_VALUE, Long.MAX_VALUE)).hasSize(2);
      cam.fragments(rec, 1);
      rec.onEnd();
      rec.awaitDrained(Duration.ofSeconds(5));
      assertThat(rec.index().segmentCount()).isEqualTo(2);
    }
    assertThat(Segments.dataFiles(dir.resolve("rec"))).hasSize(2);
  }

  @Test
  void aNewHeaderCompletesTheOpenFragmentBeforeAnyFrameUnderIt() throws IOException {
    StreamHeader h1 = TestMkv.syntheticHeader(1);
    SyntheticCamera cam = new SyntheticCamera(h1, T0, 33, 10, 100);
    try (Recorder rec = Recorder.start(settings(), new MutableClock(T0), f -> {})) {
      rec.onHeader(h1);
      cam.fragments(rec, 1);
      rec.awaitDrained(Duration.ofSeconds(5));
      assertThat(rec.index().fragments(Long.MIN_VALUE, Long.MAX_VALUE)).isEmpty();
      rec.onHeader(TestMkv.syntheticHeader(2));
      rec.awaitDrained(Duration.ofSeconds(5));
      assertThat(rec.index().fragments(Long.MIN_VALUE, Long.MAX_VALUE))
          .singleElement()
          .extracting(RecordedFragment::frameCount)
          .isEqualTo(10);
    }
  }

  @Test
  void aFailingFragmentListenerDoesNotStopRecording() throws IOException {
    StreamHeader h = TestMkv.syntheticHeader(1);
    SyntheticCamera cam = new SyntheticCamera(h, T0, 33, 10, 100);
    try (Recorder rec =
        Recorder.start(
            settings(),
            new MutableClock(T0),
            f -> {
              throw new IllegalStateException("listener bug");
            })) {
      cam.fragments(rec, 3);
      rec.onEnd();
      rec.awaitDrained(Duration.ofSeconds(5));
      assertThat(rec.index().fragments(Long.MIN_VALUE, Long.MAX_VALUE)).hasSize(3);
      assertThat(rec.status().state()).isEqualTo(RecordingState.RECORDING);
    }
  }
}
