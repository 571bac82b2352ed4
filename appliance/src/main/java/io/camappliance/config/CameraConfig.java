package io.camappliance.config;

/**
 * {@code [camera]}: which source and how it encodes.
 *
 * @param source {@code auto} (default), {@code test-pattern}, {@code libcamera}, {@code
 *     v4l2:/dev/videoN} or {@code file:PATH}
 * @param width picture width in pixels (default 1280)
 * @param height picture height in pixels (default 720)
 * @param fps frames per second (default 30)
 * @param bitrateKbps encoder bitrate in kbit/s (default 2000)
 * @param gopSeconds seconds between IDR frames, which is the KVS fragment length (default 2, 1 to
 *     10)
 * @param realtime file replay at the file's pace (true, default) or as fast as possible
 * @param loop file replay starts again at the end (default false)
 */
public record CameraConfig(
    String source,
    int width,
    int height,
    int fps,
    int bitrateKbps,
    int gopSeconds,
    boolean realtime,
    boolean loop) {

  public static final CameraConfig DEFAULTS =
      new CameraConfig("auto", 1280, 720, 30, 2000, 2, true, false);

  /** IDR spacing in frames. */
  public int gopFrames() {
    return gopSeconds * fps;
  }
}
