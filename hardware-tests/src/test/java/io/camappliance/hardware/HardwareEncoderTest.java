package io.camappliance.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.camappliance.camera.CameraOptions;
import io.camappliance.camera.SourceSpec;
import io.camappliance.camera.VideoSources;
import io.camappliance.media.VideoSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The V4L2 memory-to-memory H.264 encoder of the Pi 4 / Zero 2 W (the Pi 5 has none). */
@Timeout(120)
class HardwareEncoderTest {

  @Test
  void encodesTheTestPatternWithTheHardwareEncoderAndHonoursAKeyframeRequest() throws Exception {
    RaspberryPi.assumeOnDevice();
    assumeTrue(
        Files.exists(Path.of("/dev/video11")),
        "no /dev/video11: this board has no hardware H.264 encoder (e.g. a Pi 5)");
    CameraOptions options =
        CameraOptions.defaults()
            .withSource(SourceSpec.testPattern())
            .withSize(1280, 720)
            .withFps(30)
            .withGopFrames(60)
            .withEncoder("h264_v4l2m2m");
    VideoSource source = VideoSources.open(options);
    Frames f = Frames.collect(source, 90, 60);

    assertThat(f.frames).hasSize(90);
    assertThat(f.frames.get(0).keyframe()).isTrue();
    assertThat(f.stamps).doesNotContain(-1L);
  }
}
