package io.camappliance.camera;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;
import org.bytedeco.ffmpeg.global.avutil;

/** Small helpers around the FFmpeg C API: error text and the library's own log level. */
final class Ffmpeg {
  /**
   * {@code AVERROR(EAGAIN)} = {@code -EAGAIN}: the codec wants input (or its output drained) before
   * it can go on. EAGAIN is 11 on Linux for both targets, arm64 and x86_64.
   */
  static final int EAGAIN = -11;

  private static volatile boolean logLevelSet;

  private Ffmpeg() {}

  /** FFmpeg logs to stderr on its own; keep it to errors so the journal is not flooded. */
  static void quietLogs() {
    if (!logLevelSet) {
      avutil.av_log_set_level(avutil.AV_LOG_ERROR);
      logLevelSet = true;
    }
  }

  /** The text of an FFmpeg error code, e.g. "No such file or directory (-2)". */
  static String error(int code) {
    byte[] buf = new byte[256];
    av_strerror(code, buf, buf.length);
    int n = 0;
    while (n < buf.length && buf[n] != 0) {
      n++;
    }
    return new String(buf, 0, n, StandardCharsets.UTF_8) + " (" + code + ")";
  }
}
