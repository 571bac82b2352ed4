package io.camappliance.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.camappliance.h264.AnnexB;
import io.camappliance.h264.FrameStamp;
import io.camappliance.media.EncodedFrame;
import io.camappliance.media.SourceException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Without a camera on the build machine, recorded camera output stands in for the device: the same
 * decode/convert/encode and passthrough paths run on it through another FFmpeg input format.
 */
@Timeout(30)
class V4l2SourceTest {
  private static final int FRAMES = 10;

  @TempDir Path dir;

  private static CameraOptions options() {
    return CameraOptions.defaults()
        .withSize(Clips.WIDTH, Clips.HEIGHT)
        .withFps(Clips.FPS)
        .withBitrateKbps(300)
        .withGopFrames(100)
        .withRealtime(false);
  }

  @Test
  void failsToStartOnAMissingDeviceNamingItAndTheFix() {
    V4l2Source source = new V4l2Source("/dev/video9", options());
    assertThatThrownBy(() -> source.start(f -> {}))
        .isInstanceOf(SourceException.class)
        .hasMessage(
            "no such device /dev/video9; check the camera cable or the v4l2 source setting");
    source.close();
  }

  @ParameterizedTest
  @CsvSource({"mjpeg,yuvj422p,camera.mkv", "rawvideo,yuyv422,camera.nut"})
  void encodesARawOrMjpegCameraAndHonoursKeyframeRequests(
      String codec, String pixelFormat, String name) throws Exception {
    assumeTrue(Frames.haveTool("ffmpeg"), "ffmpeg not installed");
    Path recording = dir.resolve(name);
    Frames.run(
        "ffmpeg",
        "-v",
        "error",
        "-y",
        "-f",
        "lavfi",
        "-i",
        "testsrc=size=" + Clips.WIDTH + "x" + Clips.HEIGHT + ":rate=" + Clips.FPS,
        "-frames:v",
        Integer.toString(FRAMES),
        "-c:v",
        codec,
        "-pix_fmt",
        pixelFormat,
        recording.toString());
    Frames.Collector sink = new Frames.Collector(FRAMES);
    AtomicBoolean honoured = new AtomicBoolean();
    V4l2Source source = new V4l2Source(recording.toString(), null, options());
    List<EncodedFrame> frames;
    try (source) {
      source.start(
          f -> {
            sink.onFrame(f);
            if (f.sequence() == 3) {
              honoured.set(source.requestKeyframe());
            }
          });
      frames = sink.await();
      assertThat(source.describe()).contains("libopenh264");
    }
    assertThat(honoured).isTrue();
    for (EncodedFrame f : frames) {
      assertThat(Frames.stamps(f))
          .containsExactly(new FrameStamp(f.captureEpochMicros(), f.sequence()));
      assertThat(f.keyframe())
          .as("frame %d", f.sequence())
          .isEqualTo(f.sequence() % 4 == 0 && f.sequence() <= 4);
    }
    assertThat(frames.get(0).format().width()).isEqualTo(Clips.WIDTH);
    assertThat(Frames.cameraThreads()).isEmpty();
    if (Frames.haveTool("ffprobe")) {
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
  }

  @Test
  void passesAnH264CameraThroughWithoutReencoding() throws Exception {
    Path clip = Clips.make(dir.resolve("camera.h264"), FRAMES, 5);
    Frames.Collector sink = new Frames.Collector(FRAMES);
    V4l2Source source = new V4l2Source(clip.toString(), "h264", options());
    List<EncodedFrame> frames;
    try (source) {
      source.start(sink);
      frames = sink.await();
      assertThat(source.describe()).contains("passthrough");
      assertThat(source.requestKeyframe()).isFalse();
    }
    assertThat(slices(Files.readAllBytes(clip))).isEqualTo(slices(concat(frames)));
    assertThat(frames).allSatisfy(f -> assertThat(Frames.stamps(f)).hasSize(1));
    assertThat(Frames.cameraThreads()).isEmpty();
  }

  private static byte[] concat(List<EncodedFrame> frames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    frames.forEach(f -> out.write(f.data(), 0, f.length()));
    return out.toByteArray();
  }

  /** The slice NAL units of a stream, start codes dropped, concatenated. */
  private static byte[] slices(byte[] stream) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AnnexB.forEachNalUnit(
        stream,
        0,
        stream.length,
        (b, o, l) -> {
          int type = b[o] & 0x1F;
          if (type == 1 || type == 5) {
            out.write(b, o, l);
          }
        });
    return out.toByteArray();
  }
}
