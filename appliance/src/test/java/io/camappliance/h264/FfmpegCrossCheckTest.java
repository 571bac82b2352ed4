package io.camappliance.h264;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checks our reading of fresh libx264 output against FFmpeg's own (ffprobe), for sizes that need
 * cropping in both directions. Skipped when ffmpeg or ffprobe is not installed.
 */
class FfmpegCrossCheckTest {

  @BeforeAll
  static void needsFfmpeg() {
    assumeTrue(onPath("ffmpeg") && onPath("ffprobe"), "ffmpeg and ffprobe are not installed");
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({
    "322x242,   yuv420p, 30000/1001, -x264-params, bframes=0",
    "200x120,   yuv422p, 15,         -x264-params, interlaced=1",
    "98x66,     yuv444p, 50,         -x264-params, cabac=0",
    "1366x768,  gray,    24,         -x264-params, keyint=1",
  })
  void readsWhatFfprobeReadsFromFreshEncoderOutput(
      String size, String pixFmt, String rate, String paramsFlag, String params, @TempDir Path dir)
      throws Exception {
    Path stream = dir.resolve("out.264");
    run(
        "ffmpeg",
        "-hide_banner",
        "-loglevel",
        "error",
        "-f",
        "lavfi",
        "-i",
        "testsrc=size=" + size + ":rate=" + rate,
        "-frames:v",
        "3",
        "-pix_fmt",
        pixFmt,
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        paramsFlag,
        params,
        "-f",
        "h264",
        stream.toString());
    String[] probe =
        run(
                "ffprobe",
                "-v",
                "error",
                "-select_streams",
                "v:0",
                "-show_entries",
                "stream=width,height,r_frame_rate",
                "-of",
                "csv=p=0",
                stream.toString())
            .trim()
            .split(",");
    byte[] bytes = Files.readAllBytes(stream);

    assertThat(AnnexB.problem(bytes, 0, bytes.length)).isNull();
    Sps sps = Sps.parse(AccessUnits.sps(bytes, 0, bytes.length));
    assertThat(sps.width()).isEqualTo(Integer.parseInt(probe[0]));
    assertThat(sps.height()).isEqualTo(Integer.parseInt(probe[1]));
    String[] fps = probe[2].split("/");
    assertThat(sps.frameRate())
        .isCloseTo(Double.parseDouble(fps[0]) / Double.parseDouble(fps[1]), within(0.001));
    assertThat(AccessUnits.isIdr(bytes, 0, bytes.length)).isTrue();
    AvcConfigurationRecord.of(
        AccessUnits.sps(bytes, 0, bytes.length), AccessUnits.pps(bytes, 0, bytes.length));

    ByteBuffer avcc = ByteBuffer.allocate(AnnexB.avccSize(bytes, 0, bytes.length));
    AnnexB.toAvcc(bytes, 0, bytes.length, avcc);
    byte[] back = Avcc.toAnnexB(avcc.array(), 0, avcc.limit(), 4);
    assertThat(nalUnits(back)).usingElementComparator(Arrays::compare).isEqualTo(nalUnits(bytes));
  }

  private static List<byte[]> nalUnits(byte[] au) {
    List<byte[]> nals = new ArrayList<>();
    AnnexB.forEachNalUnit(au, 0, au.length, (b, o, l) -> nals.add(Arrays.copyOfRange(b, o, o + l)));
    return nals;
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(
          String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
