package io.camappliance.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.camera.CameraOptions;
import io.camappliance.camera.SourceSpec;
import io.camappliance.camera.VideoSources;
import io.camappliance.media.EncodedFrame;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The CSI camera module through rpicam-vid, on the device. */
@Timeout(120)
class CameraModuleTest {

  @BeforeEach
  void onlyOnAPiWithRpicamApps() {
    RaspberryPi.assumeOnDevice();
    RaspberryPi.assumeCommand("rpicam-vid", "rpicam-apps");
  }

  @Test
  void capturesTenSecondsOf720p30WithEveryFrameStampedAndAnIdrEveryGop() throws Exception {
    CameraOptions options =
        CameraOptions.defaults()
            .withSource(SourceSpec.parse("libcamera"))
            .withSize(1280, 720)
            .withFps(30)
            .withGopFrames(60);
    Frames f = Frames.collect(VideoSources.open(options), 300, 60);

    assertThat(f.frames).hasSize(300);
    for (int i = 0; i < f.stamps.size(); i++) {
      assertThat(f.stamps.get(i)).as("stamp of frame %d", i).isEqualTo(i);
    }
    EncodedFrame first = f.frames.get(0);
    assertThat(first.keyframe()).isTrue();
    assertThat(first.format().width()).isEqualTo(1280);
    assertThat(first.format().height()).isEqualTo(720);
    long keyframes = f.frames.stream().filter(EncodedFrame::keyframe).count();
    assertThat(keyframes).isBetween(5L, 6L);
  }
}
