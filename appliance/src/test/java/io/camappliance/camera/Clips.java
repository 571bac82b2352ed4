package io.camappliance.camera;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Generates small H.264 clips with the ffmpeg command-line tool (tests skip without it). */
final class Clips {
  static final int WIDTH = 320;
  static final int HEIGHT = 240;
  static final int FPS = 30;

  private Clips() {}

  /**
   * Encodes {@code frames} frames of FFmpeg's test source with libx264, no B-frames, an IDR every
   * {@code gop} frames, into {@code file}; the extension picks the container ({@code .h264} is
   * Annex-B).
   */
  static Path make(Path file, int frames, int gop, String... x264Params)
      throws IOException, InterruptedException {
    assumeTrue(Frames.haveTool("ffmpeg"), "ffmpeg not installed");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "ffmpeg",
                "-v",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                "testsrc=size=" + WIDTH + "x" + HEIGHT + ":rate=" + FPS,
                "-frames:v",
                Integer.toString(frames),
                "-c:v",
                "libx264",
                "-pix_fmt",
                "yuv420p",
                "-bf",
                "0",
                "-g",
                Integer.toString(gop),
                "-keyint_min",
                Integer.toString(gop),
                "-sc_threshold",
                "0",
                "-forced-idr",
                "1"));
    if (x264Params.length > 0) {
      cmd.add("-x264-params");
      cmd.add(String.join(":", x264Params));
    }
    String name = file.getFileName().toString();
    if (name.endsWith(".h264")) {
      cmd.addAll(List.of("-bsf:v", "h264_mp4toannexb", "-f", "h264"));
    }
    cmd.add(file.toString());
    Frames.run(cmd.toArray(String[]::new));
    return file;
  }
}
