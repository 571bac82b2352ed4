package io.camappliance.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CameraOptionsTest {

  @Test
  void defaultsToAutomatic720p30WithATwoSecondGop() {
    CameraOptions d = CameraOptions.defaults();
    assertThat(d.source().kind()).isEqualTo(SourceSpec.Kind.AUTO);
    assertThat(d.width()).isEqualTo(1280);
    assertThat(d.height()).isEqualTo(720);
    assertThat(d.fps()).isEqualTo(30);
    assertThat(d.gopFrames()).isEqualTo(60);
    assertThat(d.realtime()).isTrue();
    assertThat(d.loop()).isFalse();
  }

  @Test
  void rejectsAMissingSource() {
    assertThatThrownBy(() -> CameraOptions.defaults().withSource(null))
        .hasMessage("camera.source is missing");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "width|15|camera.width 15 is outside 16..4096",
        "width|321|camera.width 321 is odd; use an even number",
        "height|5000|camera.height 5000 is outside 16..4096",
        "fps|0|camera.fps 0 is outside 1..120",
        "bitrate|10|camera.bitrate_kbps 10 is outside 50..50000",
        "gop|0|camera.gop_frames 0 is outside 1..600",
      })
  void rejectsOutOfRangeOptionsNamingTheOption(String option, int value, String message) {
    CameraOptions d = CameraOptions.defaults();
    assertThatThrownBy(
            () -> {
              switch (option) {
                case "width" -> d.withSize(value, 240);
                case "height" -> d.withSize(320, value);
                case "fps" -> d.withFps(value);
                case "bitrate" -> d.withBitrateKbps(value);
                default -> d.withGopFrames(value);
              }
            })
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "profile|main|camera.profile 'main' is not one of: baseline, high",
        "encoder|libx264|camera.encoder 'libx264' is not one of: auto, libopenh264, h264_v4l2m2m",
      })
  void rejectsUnknownProfileAndEncoder(String option, String value, String message) {
    CameraOptions d = CameraOptions.defaults();
    assertThatThrownBy(
            () -> {
              if (option.equals("profile")) {
                d.withProfile(value);
              } else {
                d.withEncoder(value);
              }
            })
        .hasMessage(message);
  }
}
