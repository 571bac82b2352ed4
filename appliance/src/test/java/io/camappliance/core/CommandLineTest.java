package io.camappliance.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

  private static String captureStdout(Runnable r) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpListsTheDemoAndRunCommands() {
    String help = captureStdout(() -> assertThat(Main.execute("--help")).isZero());
    assertThat(help).contains("demo", "run");
  }

  @Test
  void aBadSettingStopsStartUpNamingTheFileAndKey(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("appliance.toml");
    Files.writeString(config, "[camera]\nfps = 500\n");
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = Main.execute("run", "--config", config.toString());
    } finally {
      System.setErr(original);
    }
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(config.toString())
        .contains("camera.fps is 500");
  }

  @Test
  void aMissingCameraDeviceStopsStartUpNamingTheDevice(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("appliance.toml");
    Files.writeString(
        config,
        "[camera]\nsource = \"v4l2:/dev/video97\"\n[recording]\ndirectory = \""
            + dir.resolve("rec")
            + "\"\n");
    int[] exit = new int[1];
    String out = captureStdout(() -> exit[0] = Main.execute("run", "--config", config.toString()));
    assertThat(exit[0]).isEqualTo(3);
    assertThat(out).contains("/dev/video97");
  }
}
