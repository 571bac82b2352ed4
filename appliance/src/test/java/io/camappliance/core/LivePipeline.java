package io.camappliance.core;

import io.camappliance.config.ApplianceConfig;
import io.camappliance.config.CameraConfig;
import io.camappliance.config.FragmentConfig;
import io.camappliance.config.RecordingConfig;
import io.camappliance.config.StoreConfig;
import io.camappliance.config.WebConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * The appliance's pipeline with the test-pattern camera (640x360 at 30 fps, libopenh264, IDR every
 * 2 s) in real time, and its live view on loopback with ephemeral TCP and UDP ports.
 */
final class LivePipeline implements AutoCloseable {
  static final int WIDTH = 640;
  static final int HEIGHT = 360;
  static final int FPS = 30;

  final Pipeline pipeline;
  final LiveView live;

  LivePipeline(Path dir, int maxViewers, String token) throws Exception {
    ApplianceConfig config =
        new ApplianceConfig(
            new CameraConfig("test-pattern", WIDTH, HEIGHT, FPS, 1000, 2, true, false),
            FragmentConfig.DEFAULTS,
            StoreConfig.DEFAULTS,
            new RecordingConfig(
                false,
                dir,
                RecordingConfig.DEFAULTS.segmentSeconds(),
                RecordingConfig.DEFAULTS.retentionHours(),
                RecordingConfig.DEFAULTS.maxLocalMediaMegabytes(),
                RecordingConfig.DEFAULTS.strategyOnFullSize()));
    pipeline = new Pipeline(config, CameraSetup.open(config.camera()), 24, null, null);
    try {
      pipeline.start(0, () -> {});
      live =
          LiveView.start(
              new WebConfig("127.0.0.1", 0, token, maxViewers, 0, List.of("127.0.0.1"))
                  .withCertificateDir(dir.resolve("webrtc")),
              pipeline,
              null);
    } catch (Exception | Error e) {
      pipeline.close();
      throw e;
    }
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!live.sessions().streamKnown() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  String url(String path) {
    return "http://127.0.0.1:" + live.webPort() + path;
  }

  @Override
  public void close() {
    live.close();
    pipeline.close();
  }
}
