package io.camappliance.camera;

import io.camappliance.media.SourceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Decides what the {@code auto} source means on this machine, in order of preference:
 *
 * <ol>
 *   <li>libcamera, when {@code rpicam-vid} is on the PATH and {@code rpicam-vid --list-cameras}
 *       lists a camera (a CSI camera module);
 *   <li>the first V4L2 capture device: a {@code /sys/class/video4linux/videoN} node whose main
 *       interface ({@code index} 0) is not one of the SoC's codec, ISP or CSI-receiver nodes, and
 *       whose {@code /dev/videoN} opens as a capture device;
 *   <li>the test pattern.
 * </ol>
 *
 * The machine's PATH, sysfs and /dev are constructor parameters so the choice can be tested.
 */
public final class SourceSelector {
  /** What was chosen and why, for the log and the status page. */
  public record Choice(SourceSpec source, String reason) {}

  /** Lines like {@code 0 : imx708 [4608x2592 10-bit RGGB] (/base/soc/...)}. */
  private static final Pattern CAMERA_LINE = Pattern.compile("^\\s*\\d+\\s*:\\s*\\S+.*");

  /**
   * Names of V4L2 nodes that are not cameras one can open directly: the Pi's memory-to-memory
   * codecs and ISP, and the CSI receivers that only libcamera drives.
   */
  private static final List<String> NOT_CAPTURE =
      List.of("codec", "isp", "unicam", "rp1-cfe", "rpivid", "pispbe", "hevc", "m2m");

  private final String pathEnv;
  private final Path sysfsVideo4linux;
  private final Path devDir;
  private final Duration probeTimeout;
  private final Predicate<Path> opensAsCapture;

  /** Looks at the real machine. */
  public SourceSelector() {
    this(
        System.getenv("PATH"),
        Path.of("/sys/class/video4linux"),
        Path.of("/dev"),
        Duration.ofSeconds(10),
        SourceSelector::opensWithFfmpeg);
  }

  SourceSelector(
      String pathEnv,
      Path sysfsVideo4linux,
      Path devDir,
      Duration probeTimeout,
      Predicate<Path> opensAsCapture) {
    this.pathEnv = pathEnv;
    this.sysfsVideo4linux = sysfsVideo4linux;
    this.devDir = devDir;
    this.probeTimeout = probeTimeout;
    this.opensAsCapture = opensAsCapture;
  }

  public Choice choose() {
    Optional<Path> rpicam = Executables.find(pathEnv, LibcameraSource.PROGRAM);
    String libcameraReason;
    if (rpicam.isEmpty()) {
      libcameraReason = LibcameraSource.PROGRAM + " not on PATH";
    } else {
      Optional<String> camera = listCamera(rpicam.get());
      if (camera.isPresent()) {
        return new Choice(
            new SourceSpec(SourceSpec.Kind.LIBCAMERA, ""),
            "rpicam-vid lists camera " + camera.get().trim());
      }
      libcameraReason = "rpicam-vid lists no camera";
    }
    List<String> skipped = new ArrayList<>();
    for (Path node : videoNodes()) {
      String id = node.getFileName().toString();
      String name = read(node.resolve("name")).orElse("").trim();
      String index = read(node.resolve("index")).orElse("0").trim();
      Path dev = devDir.resolve(id);
      if (!index.equals("0")) {
        skipped.add(id + " (secondary interface " + index + ")");
      } else if (isNotCapture(name)) {
        skipped.add(id + " (" + name + ")");
      } else if (!Files.exists(dev)) {
        skipped.add(id + " (no " + dev + ")");
      } else if (!opensAsCapture.test(dev)) {
        skipped.add(id + " (" + dev + " does not open as a capture device)");
      } else {
        return new Choice(
            SourceSpec.v4l2(dev.toString()),
            libcameraReason + "; " + dev + " is a capture device (" + name + ")");
      }
    }
    return new Choice(
        SourceSpec.testPattern(),
        libcameraReason
            + "; no V4L2 capture device"
            + (skipped.isEmpty() ? "" : " (skipped " + String.join(", ", skipped) + ")"));
  }

  private Optional<String> listCamera(Path program) {
    try {
      Process p =
          new ProcessBuilder(program.toString(), "--list-cameras")
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      byte[] out = p.getInputStream().readNBytes(64 * 1024);
      if (!p.waitFor(probeTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      return new String(out, StandardCharsets.UTF_8)
          .lines()
          .filter(l -> CAMERA_LINE.matcher(l).matches())
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The videoN entries, in numeric order (video2 before video10). */
  private List<Path> videoNodes() {
    if (!Files.isDirectory(sysfsVideo4linux)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(sysfsVideo4linux)) {
      return entries
          .filter(p -> p.getFileName().toString().matches("video\\d+"))
          .sorted(
              Comparator.comparingInt(
                  p -> Integer.parseInt(p.getFileName().toString().substring("video".length()))))
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static boolean isNotCapture(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return NOT_CAPTURE.stream().anyMatch(lower::contains);
  }

  private static Optional<String> read(Path file) {
    try {
      return Optional.of(Files.readString(file));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Opens the node with FFmpeg's V4L2 input, which refuses nodes without video capture. */
  private static boolean opensWithFfmpeg(Path dev) {
    if (!Files.isReadable(dev)) {
      return false;
    }
    org.bytedeco.ffmpeg.global.avdevice.avdevice_register_all();
    try (Demuxer d = Demuxer.open(dev.toString(), "video4linux2", Map.of(), "device " + dev)) {
      return d.width() > 0;
    } catch (SourceException e) {
      return false;
    }
  }
}
