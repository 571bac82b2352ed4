package io.camappliance.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.camappliance.h264.FrameStamp;
import io.camappliance.media.EncodedFrame;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class TestPatternSourceTest {
  private static final int FRAMES = 25;
  private static final int GOP = 10;

  private static CameraOptions options() {
    return CameraOptions.defaults()
        .withSource(SourceSpec.testPattern())
        .withSize(320, 240)
        .withFps(30)
        .withBitrateKbps(300)
        .withGopFrames(GOP)
        .withRealtime(false);
  }

  private static List<EncodedFrame> capture(CameraOptions options, int n) throws Exception {
    Frames.Collector sink = new Frames.Collector(n);
    try (TestPatternSource source = new TestPatternSource(options)) {
      source.start(sink);
      return sink.await();
    }
  }

  @Test
  void numbersFramesFromZeroAndStampsEachWithItsSequenceAndCaptureTime() throws Exception {
    List<EncodedFrame> frames = capture(options(), FRAMES);
    for (int i = 0; i < FRAMES; i++) {
      EncodedFrame f = frames.get(i);
      assertThat(f.sequence()).isEqualTo(i);
      assertThat(Frames.stamps(f))
          .containsExactly(new FrameStamp(f.captureEpochMicros(), f.sequence()));
      assertThat(f.captureEpochMicros()).isGreaterThan(1_600_000_000_000_000L);
    }
  }

  @Test
  void startsAGopEveryGopFramesAndEveryIdrCarriesSpsAndPps() throws Exception {
    List<EncodedFrame> frames = capture(options(), FRAMES);
    for (EncodedFrame f : frames) {
      List<Integer> types = Frames.nalTypes(f);
      boolean key = f.sequence() % GOP == 0;
      assertThat(f.keyframe()).as("frame %d keyframe", f.sequence()).isEqualTo(key);
      assertThat(types.contains(5)).isEqualTo(key);
      if (key) {
        assertThat(types).as("frame %d NAL types", f.sequence()).containsSubsequence(7, 8, 6, 5);
      }
      // Our SEI comes right before the first slice.
      int sei = types.indexOf(6);
      assertThat(types.get(sei + 1)).isIn(1, 5);
    }
  }

  @Test
  void advancesPtsByOneFrameDurationAndKeepsDtsEqual() throws Exception {
    List<EncodedFrame> frames = capture(options(), FRAMES);
    for (int i = 1; i < FRAMES; i++) {
      long step = frames.get(i).ptsMicros() - frames.get(i - 1).ptsMicros();
      assertThat(step).isBetween(33_333L, 33_334L);
      assertThat(frames.get(i).dtsMicros()).isEqualTo(frames.get(i).ptsMicros());
    }
  }

  @Test
  void pacedInRealTimeItStampsFramesOnWholeFramePeriods() throws Exception {
    List<EncodedFrame> frames = capture(options().withRealtime(true).withFps(50), 4);
    long first = frames.get(0).ptsMicros();
    for (int i = 1; i < frames.size(); i++) {
      long sinceFirst = frames.get(i).ptsMicros() - first;
      // A loaded machine may skip periods, but a frame always sits on a 20 ms period boundary.
      assertThat(sinceFirst).isGreaterThanOrEqualTo(i * 20_000L);
      assertThat(sinceFirst % 20_000L).isZero();
    }
  }

  @Test
  void reusesOneFormatWithTheConfiguredSizeAndTheStreamsParameterSets() throws Exception {
    List<EncodedFrame> frames = capture(options(), FRAMES);
    var format = frames.get(0).format();
    assertThat(frames).allSatisfy(f -> assertThat(f.format()).isSameAs(format));
    assertThat(format.codec()).isEqualTo("H264");
    assertThat(format.width()).isEqualTo(320);
    assertThat(format.height()).isEqualTo(240);
    assertThat(format.frameRate()).isEqualTo(30);
    assertThat(format.sps()[0] & 0x1F).isEqualTo(7);
    assertThat(format.pps()[0] & 0x1F).isEqualTo(8);
  }

  @Test
  void encodesConstrainedBaselineOrHighAsConfigured() throws Exception {
    byte[] baseline = capture(options(), 1).get(0).format().sps();
    assertThat(baseline[1] & 0xFF).as("profile_idc").isEqualTo(66);
    assertThat(baseline[2] & 0x40).as("constraint_set1_flag").isNotZero();
    byte[] high = capture(options().withProfile("high"), 1).get(0).format().sps();
    assertThat(high[1] & 0xFF).as("profile_idc").isEqualTo(100);
  }

  @Test
  void producesAStreamFfprobeDecodesFrameByFrame(@TempDir Path dir) throws Exception {
    assumeTrue(Frames.haveTool("ffprobe"), "ffprobe not installed");
    List<EncodedFrame> frames = capture(options(), FRAMES);
    Path file = Frames.writeAnnexB(frames, dir.resolve("pattern.h264"));
    String out =
        Frames.run(
            "ffprobe",
            "-v",
            "error",
            "-count_frames",
            "-select_streams",
            "v:0",
            "-show_entries",
            "stream=width,height,nb_read_frames",
            "-of",
            "csv=p=0",
            file.toString());
    assertThat(out.trim()).isEqualTo("320,240," + FRAMES);
  }

  @Test
  void requestKeyframeTurnsTheNextFrameIntoAnIdr() throws Exception {
    CameraOptions options = options().withGopFrames(100);
    Frames.Collector collector = new Frames.Collector(12);
    AtomicInteger requested = new AtomicInteger(-1);
    try (TestPatternSource source = new TestPatternSource(options)) {
      source.start(
          f -> {
            collector.onFrame(f);
            if (f.sequence() == 5) {
              requested.set(source.requestKeyframe() ? 1 : 0);
            }
          });
      List<EncodedFrame> frames = collector.await();
      assertThat(requested.get()).isEqualTo(1);
      for (EncodedFrame f : frames) {
        boolean key = f.sequence() == 0 || f.sequence() == 6;
        assertThat(f.keyframe()).as("frame %d", f.sequence()).isEqualTo(key);
        assertThat(Frames.nalTypes(f).contains(5)).isEqualTo(key);
      }
      assertThat(Frames.nalTypes(frames.get(6))).containsSubsequence(7, 8, 6, 5);
    }
  }

  @Test
  void leavesNoThreadBehindAfterClose() throws Exception {
    TestPatternSource source = new TestPatternSource(options());
    Frames.Collector sink = new Frames.Collector(3);
    source.start(sink);
    sink.await();
    source.close();
    source.close();
    assertThat(Frames.cameraThreads()).isEmpty();
  }

  @Test
  void theNoiseVariantMakesTheEncoderSpendItsBitrate() throws Exception {
    CameraOptions plain = options().withBitrateKbps(800);
    CameraOptions noisy = plain.withSource(SourceSpec.parse("test-pattern:noise"));
    long plainBytes = capture(plain, 30).stream().mapToLong(EncodedFrame::length).sum();
    long noisyBytes = capture(noisy, 30).stream().mapToLong(EncodedFrame::length).sum();
    // One second at 800 kbit/s is 100 kB; the plain pattern needs a fraction of it.
    assertThat(noisyBytes).isGreaterThan(3 * plainBytes).isGreaterThan(60_000);
  }
}
