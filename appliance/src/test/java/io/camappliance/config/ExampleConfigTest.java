package io.camappliance.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExampleConfigTest {

  @Test
  void theDocumentedExampleLoadsAndStatesEveryDefault() throws Exception {
    ApplianceConfig example = ConfigLoader.load(Path.of("..", "appliance.example.toml"));
    assertThat(example).isEqualTo(ApplianceConfig.DEFAULTS);
  }
}
