package io.camappliance.hardware;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the hardware tests are: on a Raspberry Pi, or (skipping) anywhere else. */
final class RaspberryPi {
  private static final Path MODEL = Path.of("/proc/device-tree/model");

  private RaspberryPi() {}

  /** The board's model string, or empty off a Pi. */
  static String model() {
    try {
      return Files.readString(MODEL, StandardCharsets.UTF_8).replace("\0", "").trim();
    } catch (IOException e) {
      return "";
    }
  }

  /** Skips the calling test, saying why, unless it runs on a Raspberry Pi. */
  static void assumeOnDevice() {
    String model = model();
    assumeTrue(
        model.startsWith("Raspberry Pi"),
        "not a Raspberry Pi ("
            + (model.isEmpty() ? MODEL + " is missing" : "model: " + model)
            + "): hardware tests run only on the device");
  }

  /** Skips unless {@code command} is on the PATH. */
  static void assumeCommand(String command, String packageName) {
    boolean found = false;
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
        found = true;
      }
    }
    assumeTrue(found, command + " is not installed: install the " + packageName + " package");
  }
}
