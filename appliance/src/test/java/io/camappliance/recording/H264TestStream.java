package io.camappliance.recording;

import io.camappliance.h264.AnnexB;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real H.264 stream for tests, encoded by the ffmpeg command-line tool (320x240, 30 fps, an IDR
 * every 30 frames, no B-frames) and split into access units in AVCC form (4-byte lengths).
 */
final class H264TestStream {
  byte[] sps;
  byte[] pps;
  final List<byte[]> accessUnits = new ArrayList<>();
  final List<Boolean> idr = new ArrayList<>();

  static boolean ffmpegAvailable() {
    return Files.isExecutable(Path.of("/usr/bin/ffmpeg"))
        && Files.isExecutable(Path.of("/usr/bin/ffprobe"));
  }

  static H264TestStream encode(Path dir, int seconds) throws IOException, InterruptedException {
    Path out = dir.resolve("test.h264");
    String output =
        run(
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=320x240:rate=30",
            "-t",
            Integer.toString(seconds),
            "-pix_fmt",
            "yuv420p",
            "-c:v",
            "libx264",
            "-g",
            "30",
            "-bf",
            "0",
            "-bsf:v",
            "h264_mp4toannexb",
            "-f",
            "h264",
            out.toString());
    if (!Files.exists(out)) {
      throw new IOException("ffmpeg produced nothing: " + output);
    }
    H264TestStream s = new H264TestStream();
    byte[] annexB = Files.readAllBytes(out);
    ByteArrayOutputStream au = new ByteArrayOutputStream();
    boolean[] state = {false, false}; // has slice, is idr
    AnnexB.forEachNalUnit(
        annexB,
        0,
        annexB.length,
        (buf, off, len) -> {
          int type = buf[off] & 0x1F;
          if (type == 7) {
            s.sps = java.util.Arrays.copyOfRange(buf, off, off + len);
            return;
          }
          if (type == 8) {
            s.pps = java.util.Arrays.copyOfRange(buf, off, off + len);
            return;
          }
          if (type == 9) {
            return;
          }
          boolean slice = type == 1 || type == 5;
          boolean firstSliceOfPicture = slice && (buf[off + 1] & 0x80) != 0;
          if ((firstSliceOfPicture || !slice) && state[0]) {
            s.add(au, state[1]);
            state[0] = false;
            state[1] = false;
          }
          au.write(len >>> 24);
          au.write(len >>> 16);
          au.write(len >>> 8);
          au.write(len);
          au.write(buf, off, len);
          state[0] |= slice;
          state[1] |= type == 5;
        });
    if (state[0]) {
      s.add(au, state[1]);
    }
    return s;
  }

  private void add(ByteArrayOutputStream au, boolean isIdr) {
    accessUnits.add(au.toByteArray());
    idr.add(isIdr);
    au.reset();
  }

  /** The AVCDecoderConfigurationRecord for these parameter sets (ISO/IEC 14496-15). */
  byte[] avcC() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(1);
    b.write(sps[1]);
    b.write(sps[2]);
    b.write(sps[3]);
    b.write(0xFF);
    b.write(0xE1);
    b.write(sps.length >> 8);
    b.write(sps.length);
    b.writeBytes(sps);
    b.write(1);
    b.write(pps.length >> 8);
    b.write(pps.length);
    b.writeBytes(pps);
    return b.toByteArray();
  }

  static String run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", cmd) + " timed out");
    }
    return out;
  }
}
