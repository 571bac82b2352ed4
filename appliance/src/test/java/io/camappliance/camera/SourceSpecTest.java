package io.camappliance.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camappliance.media.VideoSource;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SourceSpecTest {

  @ParameterizedTest
  @CsvSource({
    "test-pattern, TEST_PATTERN, ''",
    "test-pattern:noise, TEST_PATTERN, noise",
    "libcamera, LIBCAMERA, ''",
    "auto, AUTO, ''",
    "v4l2:/dev/video0, V4L2, /dev/video0",
    "file:/srv/clips/a b.mp4, FILE, /srv/clips/a b.mp4",
    "file:relative.h264, FILE, relative.h264",
  })
  void parsesEachFormAndFormatsItBack(String text, SourceSpec.Kind kind, String target) {
    SourceSpec spec = SourceSpec.parse(text);
    assertThat(spec.kind()).isEqualTo(kind);
    assertThat(spec.target()).isEqualTo(target);
    assertThat(spec.format()).isEqualTo(text);
    assertThat(SourceSpec.parse(spec.format())).isEqualTo(spec);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "v4l2:", "file:", "webcam", "Test-Pattern", "usb:/dev/video0"})
  void rejectsAnythingElseListingTheAcceptedForms(String text) {
    assertThatThrownBy(() -> SourceSpec.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("source '" + text + "'")
        .hasMessageContaining(
            "auto, test-pattern, test-pattern:noise, libcamera, v4l2:/dev/videoN, file:PATH");
  }

  @ParameterizedTest
  @CsvSource({
    "test-pattern, TestPatternSource",
    "libcamera, LibcameraSource",
    "v4l2:/dev/video0, V4l2Source",
    "file:/tmp/x.mp4, FileSource",
  })
  void opensTheSourceClassForEachKind(String text, String className) {
    VideoSource source =
        VideoSources.open(CameraOptions.defaults().withSource(SourceSpec.parse(text)));
    assertThat(source.getClass().getSimpleName()).isEqualTo(className);
    source.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a.mp4"})
  void buildsAFileSpecFromAPath(String name) {
    assertThat(SourceSpec.file(Path.of(name)).format()).isEqualTo("file:" + name);
  }
}
