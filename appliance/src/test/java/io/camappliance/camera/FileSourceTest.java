package io.camappliance.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.camappliance.h264.FrameStamp;
import io.camappliance.media.EncodedFrame;
import io.camappliance.media.SourceException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class FileSourceTest {
  private static final int FRAMES = 15;
  private static final int GOP = 5;

  @TempDir Path dir;

  private static CameraOptions options(Path file, boolean loop) {
    return CameraOptions.defaults()
        .withSource(SourceSpec.file(file))
        .withRealtime(false)
        .withLoop(loop);
  }

  /** Replays the whole file once and returns every frame it produced. */
  private static List<EncodedFrame> replay(FileSource source) throws Exception {
    Frames.Collector sink = new Frames.Collector(Integer.MAX_VALUE);
    try (source) {
      source.start(sink);
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (!source.finished() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(source.finished()).as("replay finished").isTrue();
    }
    synchronized (sink) {
      return new ArrayList<>(sink.frames);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"clip.h264", "clip.mp4", "clip.mkv"})
  void replaysEveryFrameOfTheFileStampedAndWithParameterSetsOnIdrs(String name) throws Exception {
    Path clip = Clips.make(dir.resolve(name), FRAMES, GOP);
    FileSource source = new FileSource(clip, options(clip, false));
    List<EncodedFrame> frames = replay(source);
    assertThat(frames).hasSize(FRAMES);
    assertThat(source.droppedFrames()).isZero();
    for (int i = 0; i < FRAMES; i++) {
      EncodedFrame f = frames.get(i);
      assertThat(f.sequence()).isEqualTo(i);
      assertThat(f.keyframe()).as("frame %d", i).isEqualTo(i % GOP == 0);
      assertThat(Frames.stamps(f)).containsExactly(new FrameStamp(f.captureEpochMicros(), i));
      if (f.keyframe()) {
        assertThat(Frames.nalTypes(f)).containsSubsequence(7, 8, 5);
      }
      if (i > 0) {
        assertThat(f.ptsMicros() - frames.get(i - 1).ptsMicros()).isBetween(33_000L, 34_000L);
      }
    }
    assertThat(frames.get(0).format().width()).isEqualTo(Clips.WIDTH);
    assertThat(frames.get(0).format().height()).isEqualTo(Clips.HEIGHT);
    assertThat(frames.get(0).format().frameRate()).isEqualTo(Clips.FPS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"clip.mp4", "clip.mkv"})
  void convertsAvccToAnAnnexBStreamFfprobeDecodes(String name) throws Exception {
    assumeTrue(Frames.haveTool("ffprobe"), "ffprobe not installed");
    Path clip = Clips.make(dir.resolve(name), FRAMES, GOP);
    List<EncodedFrame> frames = replay(new FileSource(clip, options(clip, false)));
    Path out = Frames.writeAnnexB(frames, dir.resolve("out.h264"));
    String probe =
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
            out.toString());
    assertThat(probe.trim()).isEqualTo(Clips.WIDTH + "," + Clips.HEIGHT + "," + FRAMES);
  }

  @ParameterizedTest
  @ValueSource(strings = {"clip.h264", "clip.mp4"})
  void loopsWithTimestampsThatKeepGoingForward(String name) throws Exception {
    Path clip = Clips.make(dir.resolve(name), FRAMES, GOP);
    int wanted = 2 * FRAMES + 10;
    Frames.Collector sink = new Frames.Collector(wanted);
    FileSource source = new FileSource(clip, options(clip, true));
    List<EncodedFrame> frames;
    try (source) {
      source.start(sink);
      frames = sink.await();
    }
    assertThat(source.passes()).isGreaterThanOrEqualTo(3);
    for (int i = 1; i < wanted; i++) {
      assertThat(frames.get(i).sequence()).isEqualTo(i);
      assertThat(frames.get(i).keyframe()).isEqualTo(i % FRAMES % GOP == 0);
      long step = frames.get(i).ptsMicros() - frames.get(i - 1).ptsMicros();
      assertThat(step).as("pts step into frame %d", i).isBetween(33_000L, 34_000L);
    }
    assertThat(Frames.cameraThreads()).isEmpty();
  }

  @Test
  void dropsAndCountsACorruptPacketAndGoesOn() throws Exception {
    assumeTrue(Frames.haveTool("ffprobe"), "ffprobe not installed");
    Path clip = Clips.make(dir.resolve("clip.mp4"), FRAMES, GOP);
    // Overwrite the length prefix of the 8th sample (a P frame) with 0xFFFFFFFF.
    String probe =
        Frames.run(
            "ffprobe",
            "-v",
            "error",
            "-select_streams",
            "v:0",
            "-show_entries",
            "packet=pos",
            "-of",
            "csv=p=0",
            clip.toString());
    long pos = Long.parseLong(probe.lines().toList().get(7).replace(",", "").trim());
    try (RandomAccessFile f = new RandomAccessFile(clip.toFile(), "rw")) {
      f.seek(pos);
      f.write(new byte[] {-1, -1, -1, -1});
    }
    FileSource source = new FileSource(clip, options(clip, false));
    List<EncodedFrame> frames = replay(source);
    assertThat(source.droppedFrames()).isEqualTo(1);
    assertThat(frames).hasSize(FRAMES - 1);
    for (int i = 0; i < frames.size(); i++) {
      assertThat(frames.get(i).sequence()).isEqualTo(i);
    }
    assertThat(frames.get(FRAMES - 2).ptsMicros() - frames.get(0).ptsMicros())
        .as("the frames after the hole keep the file's timing")
        .isBetween(13 * 33_000L, 14 * 34_000L);
  }

  @Test
  void failsToStartOnAMissingFileNamingIt() {
    Path missing = dir.resolve("nope.mp4");
    FileSource source = new FileSource(missing, options(missing, false));
    assertThatThrownBy(() -> source.start(f -> {}))
        .isInstanceOf(SourceException.class)
        .hasMessage("no such file " + missing + "; check the file: source setting");
  }

  @Test
  void failsToStartOnAMalformedAvcCNamingTheFileAndTheField() throws Exception {
    Path clip = Clips.make(dir.resolve("clip.mkv"), FRAMES, GOP);
    byte[] bytes = Files.readAllBytes(clip);
    // CodecPrivate (ID 63 A2, a one-byte size) holds the avcC: 01 profile compat level FF E1 ...
    int record = indexOf(bytes, new byte[] {0x63, (byte) 0xA2}) + 3;
    assertThat(bytes[record]).as("configurationVersion").isEqualTo((byte) 1);
    assertThat(bytes[record + 5]).as("numOfSequenceParameterSets").isEqualTo((byte) 0xE1);
    bytes[record + 5] = (byte) 0xE0;
    Files.write(clip, bytes);
    FileSource source = new FileSource(clip, options(clip, false));
    assertThatThrownBy(() -> source.start(f -> {}))
        .isInstanceOf(SourceException.class)
        .hasMessage(
            "file " + clip + " has a malformed avcC (codec private data): record has no SPS");
    assertThat(Frames.cameraThreads()).isEmpty();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new AssertionError("not found: " + HexFormat.of().formatHex(needle));
  }

  @Test
  void refusesAFileWithoutH264(@TempDir Path tmp) throws Exception {
    assumeTrue(Frames.haveTool("ffmpeg"), "ffmpeg not installed");
    Path mjpeg = tmp.resolve("clip.mkv");
    Frames.run(
        "ffmpeg",
        "-v",
        "error",
        "-y",
        "-f",
        "lavfi",
        "-i",
        "testsrc=size=64x48:rate=5",
        "-frames:v",
        "2",
        "-c:v",
        "mjpeg",
        mjpeg.toString());
    FileSource source = new FileSource(mjpeg, options(mjpeg, false));
    assertThatThrownBy(() -> source.start(f -> {}))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("not H.264");
  }
}
