package io.camappliance.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/** Reads {@code appliance.toml} into an {@link ApplianceConfig}; every setting has a default. */
public final class ConfigLoader {
  private static final Set<String> SECTIONS = Set.of("camera", "fragments", "store", "recording");

  private ConfigLoader() {}

  public static ApplianceConfig load(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such configuration file");
    } catch (IOException e) {
      throw new ConfigException(
          file + ": cannot read the configuration file: " + e.getMessage(), e);
    }
    return parse(file.toString(), text);
  }

  /**
   * Parses TOML text.
   *
   * @param name names the source in error messages
   */
  public static ApplianceConfig parse(String name, String toml) throws ConfigException {
    JsonNode root;
    try {
      root = new TomlMapper().readTree(toml);
    } catch (IOException e) {
      throw new ConfigException(name + ": not valid TOML: " + e.getMessage(), e);
    }
    if (root == null) {
      return ApplianceConfig.DEFAULTS;
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!SECTIONS.contains(key) || !root.get(key).isObject()) {
        throw new ConfigException(
            name + ": '" + key + "' is not a known section; known: " + SECTIONS);
      }
    }
    return new ApplianceConfig(
        camera(new Section(name, "camera", root.get("camera"))),
        fragments(new Section(name, "fragments", root.get("fragments"))),
        store(new Section(name, "store", root.get("store"))),
        recording(new Section(name, "recording", root.get("recording"))));
  }

  private static CameraConfig camera(Section s) throws ConfigException {
    CameraConfig d = CameraConfig.DEFAULTS;
    String source = s.string("source", d.source());
    if (!(source.equals("auto")
        || source.equals("test-pattern")
        || source.equals("libcamera")
        || (source.startsWith("v4l2:/dev/") && source.length() > "v4l2:/dev/".length())
        || (source.startsWith("file:") && source.length() > "file:".length()))) {
      throw s.error(
          "source",
          "is '" + source + "'; use auto, test-pattern, libcamera, v4l2:/dev/videoN or file:PATH");
    }
    CameraConfig c =
        new CameraConfig(
            source,
            (int) s.integer("width", d.width(), 64, 4096),
            (int) s.integer("height", d.height(), 64, 2304),
            (int) s.integer("fps", d.fps(), 1, 120),
            (int) s.integer("bitrate_kbps", d.bitrateKbps(), 100, 50_000),
            (int) s.integer("gop_seconds", d.gopSeconds(), 1, 10),
            s.bool("realtime", d.realtime()),
            s.bool("loop", d.loop()));
    if (c.width() % 2 != 0 || c.height() % 2 != 0) {
      throw s.error(
          "width", "and height must be even for 4:2:0 video, got " + c.width() + "x" + c.height());
    }
    s.checkNoUnknownKeys();
    return c;
  }

  private static FragmentConfig fragments(Section s) throws ConfigException {
    FragmentConfig d = FragmentConfig.DEFAULTS;
    long min = s.integer("min_duration_ms", d.minDurationMillis(), 0, 10_000);
    long max = s.integer("max_duration_ms", d.maxDurationMillis(), 1_000, 14_000);
    if (max < min) {
      throw s.error(
          "max_duration_ms", "(" + max + ") is below fragments.min_duration_ms (" + min + ")");
    }
    s.checkNoUnknownKeys();
    return new FragmentConfig(min, max);
  }

  private static StoreConfig store(Section s) throws ConfigException {
    StoreConfig d = StoreConfig.DEFAULTS;
    StoreConfig c =
        new StoreConfig(
            (int) s.integer("max_megabytes", d.maxMegabytes(), 4, 1024),
            (int) s.integer("max_duration_seconds", d.maxDurationSeconds(), 10, 3600));
    s.checkNoUnknownKeys();
    return c;
  }

  private static RecordingConfig recording(Section s) throws ConfigException {
    RecordingConfig d = RecordingConfig.DEFAULTS;
    RecordingConfig c =
        new RecordingConfig(
            s.bool("enabled", d.enabled()),
            Path.of(s.string("directory", d.directory().toString())),
            (int) s.integer("segment_seconds", d.segmentSeconds(), 10, 3600),
            (int) s.integer("retention_hours", d.retentionHours(), 1, 720),
            s.integer("max_local_media_mb", d.maxLocalMediaMegabytes(), 64, 2_000_000),
            s.oneOf(
                "strategy_on_full_size",
                d.strategyOnFullSize(),
                Set.of("DELETE_OLDEST_MEDIA", "DENY_NEW_MEDIA")));
    s.checkNoUnknownKeys();
    return c;
  }
}
