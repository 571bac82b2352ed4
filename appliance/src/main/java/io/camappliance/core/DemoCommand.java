package io.camappliance.core;

import io.camappliance.config.ApplianceConfig;
import io.camappliance.config.CameraConfig;
import io.camappliance.config.ConfigException;
import io.camappliance.config.ConfigLoader;
import io.camappliance.config.RecordingConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code appliance demo}: the media path on a laptop, with the test-pattern camera, the fragmenter,
 * the content store and local recording, printing fragment statistics.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Run the appliance with the test-pattern camera and record to a local directory,"
            + " printing fragment statistics. Ctrl-C stops it cleanly.")
final class DemoCommand implements Callable<Integer> {

  @Option(
      names = "--width",
      defaultValue = "1280",
      description = "picture width (${DEFAULT-VALUE})")
  int width;

  @Option(
      names = "--height",
      defaultValue = "720",
      description = "picture height (${DEFAULT-VALUE})")
  int height;

  @Option(
      names = "--fps",
      defaultValue = "30",
      description = "frames per second (${DEFAULT-VALUE})")
  int fps;

  @Option(
      names = "--bitrate-kbps",
      defaultValue = "2000",
      description = "encoder bitrate in kbit/s (${DEFAULT-VALUE})")
  int bitrateKbps;

  @Option(
      names = "--gop-seconds",
      defaultValue = "2",
      description = "seconds between IDR frames = fragment length (${DEFAULT-VALUE})")
  int gopSeconds;

  @Option(
      names = "--duration",
      defaultValue = "0",
      paramLabel = "SECONDS",
      description = "stop after this many seconds of video; 0 runs until Ctrl-C (${DEFAULT-VALUE})")
  int durationSeconds;

  @Option(
      names = "--noise",
      description =
          "add a band of noise to the test pattern, so the encoder spends its whole bitrate"
              + " (for benchmarks at a given bitrate)")
  boolean noise;

  @Option(
      names = "--fast",
      description = "encode as fast as possible instead of in real time (timestamps stay regular)")
  boolean fast;

  @Option(
      names = "--dir",
      defaultValue = "demo-recordings",
      description = "recording directory (${DEFAULT-VALUE})")
  Path dir;

  @Option(
      names = "--segment-seconds",
      defaultValue = "60",
      description = "length of one recording file (${DEFAULT-VALUE})")
  int segmentSeconds;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "take [kvs], [iot] and [web] from this appliance.toml (the camera, fragment, store and"
              + " recording settings stay the demo's)")
  Path configFile;

  @Override
  public Integer call() throws Exception {
    ApplianceConfig d = ApplianceConfig.DEFAULTS;
    if (configFile != null) {
      try {
        d = ConfigLoader.load(configFile);
      } catch (ConfigException e) {
        System.err.println("configuration error: " + e.getMessage());
        return 2;
      }
    }
    ApplianceConfig config =
        new ApplianceConfig(
            new CameraConfig(
                noise ? "test-pattern:noise" : "test-pattern",
                width,
                height,
                fps,
                bitrateKbps,
                gopSeconds,
                !fast,
                false),
            d.fragments(),
            d.store(),
            new RecordingConfig(
                true,
                dir.toAbsolutePath(),
                segmentSeconds,
                d.recording().retentionHours(),
                d.recording().maxLocalMediaMegabytes(),
                d.recording().strategyOnFullSize()),
            d.kvs(),
            d.iot(),
            d.web()
                .withCertificateDir(
                    dir.toAbsolutePath().resolveSibling(dir.getFileName() + "-webrtc")));
    long frames = (long) durationSeconds * fps;
    return Runner.runUntilStopped(config, frames, true, System.out);
  }
}
