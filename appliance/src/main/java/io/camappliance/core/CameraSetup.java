package io.camappliance.core;

import io.camappliance.camera.CameraOptions;
import io.camappliance.camera.SourceSpec;
import io.camappliance.camera.VideoSources;
import io.camappliance.config.CameraConfig;
import io.camappliance.media.SourceException;
import io.camappliance.media.VideoSource;

/** Turns the {@code [camera]} settings into an unstarted video source. */
final class CameraSetup {
  private CameraSetup() {}

  static VideoSource open(CameraConfig c) throws SourceException {
    CameraOptions options =
        CameraOptions.defaults()
            .withSource(SourceSpec.parse(c.source()))
            .withSize(c.width(), c.height())
            .withFps(c.fps())
            .withBitrateKbps(c.bitrateKbps())
            .withGopFrames(c.gopFrames())
            .withRealtime(c.realtime())
            .withLoop(c.loop());
    return VideoSources.open(options);
  }
}
