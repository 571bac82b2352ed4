package io.camappliance.camera;

/**
 * The camera settings, validated on construction. A bad value fails with a message naming the
 * option, the value and the accepted range.
 *
 * @param source which source to open
 * @param width picture width in pixels (even, 16..4096)
 * @param height picture height in pixels (even, 16..4096)
 * @param fps frames per second (1..120)
 * @param bitrateKbps target bitrate in kbit/s (50..50000)
 * @param gopFrames frames from one IDR to the next (1..600); fragments follow the GOP
 * @param profile H.264 profile: {@code baseline} (constrained baseline) or {@code high}
 * @param encoder H.264 encoder for sources that encode: {@code auto}, {@code libopenh264} or {@code
 *     h264_v4l2m2m}
 * @param realtime pace synthetic and file sources at the frame rate; false runs as fast as possible
 *     (tests, benchmarks)
 * @param loop replay a file source from the start when it ends
 */
public record CameraOptions(
    SourceSpec source,
    int width,
    int height,
    int fps,
    int bitrateKbps,
    int gopFrames,
    String profile,
    String encoder,
    boolean realtime,
    boolean loop) {

  public CameraOptions {
    if (source == null) {
      throw new IllegalArgumentException("camera.source is missing");
    }
    requireEvenIn("camera.width", width, 16, 4096);
    requireEvenIn("camera.height", height, 16, 4096);
    requireIn("camera.fps", fps, 1, 120);
    requireIn("camera.bitrate_kbps", bitrateKbps, 50, 50_000);
    requireIn("camera.gop_frames", gopFrames, 1, 600);
    if (!"baseline".equals(profile) && !"high".equals(profile)) {
      throw new IllegalArgumentException(
          "camera.profile '" + profile + "' is not one of: baseline, high");
    }
    if (!"auto".equals(encoder)
        && !"libopenh264".equals(encoder)
        && !"h264_v4l2m2m".equals(encoder)) {
      throw new IllegalArgumentException(
          "camera.encoder '" + encoder + "' is not one of: auto, libopenh264, h264_v4l2m2m");
    }
  }

  /** 1280x720 at 30 fps, 2 Mbit/s, a 2 s GOP, baseline, automatic source and encoder, real time. */
  public static CameraOptions defaults() {
    return new CameraOptions(
        new SourceSpec(SourceSpec.Kind.AUTO, ""),
        1280,
        720,
        30,
        2000,
        60,
        "baseline",
        "auto",
        true,
        false);
  }

  public CameraOptions withSource(SourceSpec source) {
    return new CameraOptions(
        source, width, height, fps, bitrateKbps, gopFrames, profile, encoder, realtime, loop);
  }

  public CameraOptions withSize(int width, int height) {
    return new CameraOptions(
        source, width, height, fps, bitrateKbps, gopFrames, profile, encoder, realtime, loop);
  }

  public CameraOptions withFps(int fps) {
    return new CameraOptions(
        source, width, height, fps, bitrateKbps, gopFrames, profile, encoder, realtime, loop);
  }

  public CameraOptions withBitrateKbps(int bitrateKbps) {
    return new CameraOptions(
        source, width, height, fps, bitrateKbps, gopFrames, profile, encoder, realtime, loop);
  }

  public CameraOptions withGopFrames(int gopFrames) {
    return new CameraOptions(
        source, width, height, fps, bitrateKbps, gopFrames, profile, encoder, realtime, loop);
  }

  public CameraOptions withProfile(String profile) {
    return new CameraOptions(
        source, width, height, fps, bitrateKbps, gopFrames, profile, encoder, realtime, loop);
  }

  public CameraOptions withEncoder(String encoder) {
    return new CameraOptions(
        source, width, height, fps, bitrateKbps, gopFrames, profile, encoder, realtime, loop);
  }

  public CameraOptions withRealtime(boolean realtime) {
    return new CameraOptions(
        source, width, height, fps, bitrateKbps, gopFrames, profile, encoder, realtime, loop);
  }

  public CameraOptions withLoop(boolean loop) {
    return new CameraOptions(
        source, width, height, fps, bitrateKbps, gopFrames, profile, encoder, realtime, loop);
  }

  private static void requireIn(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " " + value + " is outside " + min + ".." + max);
    }
  }

  private static void requireEvenIn(String name, int value, int min, int max) {
    requireIn(name, value, min, max);
    if ((value & 1) != 0) {
      throw new IllegalArgumentException(name + " " + value + " is odd; use an even number");
    }
  }
}
