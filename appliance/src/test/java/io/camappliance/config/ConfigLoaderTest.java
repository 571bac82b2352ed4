package io.camappliance.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

  @Test
  void anEmptyFileMeansEveryDefault() throws Exception {
    assertThat(ConfigLoader.parse("appliance.toml", "")).isEqualTo(ApplianceConfig.DEFAULTS);
  }

  @Test
  void readsEverySection() throws Exception {
    ApplianceConfig c =
        ConfigLoader.parse(
            "appliance.toml",
            """
            [camera]
            source = "test-pattern"
            width = 1920
            height = 1080
            fps = 25
            bitrate_kbps = 4000
            gop_seconds = 1
            [fragments]
            min_duration_ms = 500
            max_duration_ms = 8000
            [store]
            max_megabytes = 32
            max_duration_seconds = 60
            [recording]
            directory = "/data/rec"
            segment_seconds = 30
            retention_hours = 24
            max_local_media_mb = 512
            strategy_on_full_size = "DENY_NEW_MEDIA"
            """);
    assertThat(c.camera())
        .isEqualTo(new CameraConfig("test-pattern", 1920, 1080, 25, 4000, 1, true, false));
    assertThat(c.camera().gopFrames()).isEqualTo(25);
    assertThat(c.fragments()).isEqualTo(new FragmentConfig(500, 8000));
    assertThat(c.store()).isEqualTo(new StoreConfig(32, 60));
    assertThat(c.recording())
        .isEqualTo(new RecordingConfig(true, Path.of("/data/rec"), 30, 24, 512, "DENY_NEW_MEDIA"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "[camera]\\nwidth = 5000 | appliance.toml: camera.width is 5000; allowed 64 to 4096",
        "[camera]\\nwidth = 641 | camera.width and height must be even",
        "[camera]\\nfps = \"thirty\" | camera.fps must be a whole number",
        "[camera]\\nsource = \"usb\" | camera.source is 'usb'; use auto, test-pattern",
        "[camera]\\nwidht = 640 | camera.widht is not a known setting",
        "[camera]\\ngop_seconds = 11 | camera.gop_seconds is 11; allowed 1 to 10",
        "[fragments]\\nmin_duration_ms = 5000\\nmax_duration_ms = 2000 | fragments.max_duration_ms (2000) is below",
        "[recording]\\nretention_hours = 721 | recording.retention_hours is 721; allowed 1 to 720",
        "[recording]\\nmax_local_media_mb = 10 | recording.max_local_media_mb is 10; allowed 64",
        "[recording]\\nstrategy_on_full_size = \"PANIC\" | recording.strategy_on_full_size is 'PANIC'",
        "[recording]\\nenabled = \"yes\" | recording.enabled must be true or false",
        "[cloud]\\nregion = \"x\" | 'cloud' is not a known section",
        "[camera\\nwidth = 1 | not valid TOML",
      })
  void rejectsABadSettingNamingTheFileTheKeyAndTheReason(String toml, String message) {
    assertThatThrownBy(() -> ConfigLoader.parse("appliance.toml", toml.replace("\\n", "\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("appliance.toml")
        .hasMessageContaining(message.trim());
  }

  @Test
  void aMissingFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("nope.toml");
    assertThatThrownBy(() -> ConfigLoader.load(missing))
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("no such configuration file");
  }

  @Test
  void loadsAFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("appliance.toml");
    Files.writeString(f, "[camera]\nfps = 15\n");
    assertThat(ConfigLoader.load(f).camera().fps()).isEqualTo(15);
  }
}
