package io.camappliance.camera;

import java.nio.file.Path;

/**
 * Which video source to open, as written in the settings: {@code test-pattern}, {@code
 * test-pattern:noise} (with a band of noise that makes the encoder spend its whole bitrate, for
 * benchmarks), {@code v4l2:/dev/videoN}, {@code libcamera}, {@code file:PATH} or {@code auto}.
 *
 * @param kind the kind of source
 * @param target the device path for {@link Kind#V4L2}, the file path for {@link Kind#FILE}, {@link
 *     #NOISE} or empty for {@link Kind#TEST_PATTERN}, empty otherwise
 */
public record SourceSpec(Kind kind, String target) {

  /** The kinds of source the appliance knows. */
  public enum Kind {
    TEST_PATTERN,
    V4L2,
    LIBCAMERA,
    FILE,
    AUTO
  }

  /** The test pattern's variant with a noise band. */
  public static final String NOISE = "noise";

  public SourceSpec {
    boolean needsTarget = kind == Kind.V4L2 || kind == Kind.FILE;
    boolean noisyPattern = kind == Kind.TEST_PATTERN && NOISE.equals(target);
    if (needsTarget && (target == null || target.isBlank())) {
      throw new IllegalArgumentException("source " + kind + " needs a path");
    }
    if (!needsTarget && !noisyPattern && target != null && !target.isEmpty()) {
      throw new IllegalArgumentException("source " + kind + " takes no path, got '" + target + "'");
    }
    if (target == null) {
      target = "";
    }
  }

  public static SourceSpec testPattern() {
    return new SourceSpec(Kind.TEST_PATTERN, "");
  }

  public static SourceSpec v4l2(String device) {
    return new SourceSpec(Kind.V4L2, device);
  }

  public static SourceSpec file(Path path) {
    return new SourceSpec(Kind.FILE, path.toString());
  }

  /**
   * Parses a source setting.
   *
   * @throws IllegalArgumentException naming the bad value and the accepted forms
   */
  public static SourceSpec parse(String text) {
    String s = text == null ? "" : text.trim();
    switch (s) {
      case "test-pattern":
        return testPattern();
      case "test-pattern:" + NOISE:
        return new SourceSpec(Kind.TEST_PATTERN, NOISE);
      case "libcamera":
        return new SourceSpec(Kind.LIBCAMERA, "");
      case "auto":
        return new SourceSpec(Kind.AUTO, "");
      default:
        break;
    }
    if (s.startsWith("v4l2:") && s.length() > "v4l2:".length()) {
      return v4l2(s.substring("v4l2:".length()));
    }
    if (s.startsWith("file:") && s.length() > "file:".length()) {
      return new SourceSpec(Kind.FILE, s.substring("file:".length()));
    }
    throw new IllegalArgumentException(
        "source '"
            + s
            + "' is not one of: auto, test-pattern, test-pattern:noise, libcamera,"
            + " v4l2:/dev/videoN, file:PATH");
  }

  /** The setting's text form; {@code parse(format())} gives this spec back. */
  public String format() {
    return switch (kind) {
      case TEST_PATTERN -> target.isEmpty() ? "test-pattern" : "test-pattern:" + target;
      case LIBCAMERA -> "libcamera";
      case AUTO -> "auto";
      case V4L2 -> "v4l2:" + target;
      case FILE -> "file:" + target;
    };
  }

  @Override
  public String toString() {
    return format();
  }
}
