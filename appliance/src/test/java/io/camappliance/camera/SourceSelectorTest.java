package io.camappliance.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceSelectorTest {
  @TempDir Path root;
  private Path bin;
  private Path sysfs;
  private Path dev;

  @BeforeEach
  void layout() throws IOException {
    bin = Files.createDirectories(root.resolve("bin"));
    sysfs = Files.createDirectories(root.resolve("sys/class/video4linux"));
    dev = Files.createDirectories(root.resolve("dev"));
  }

  private SourceSelector selector() {
    return new SourceSelector(
        bin.toString(), sysfs, dev, Duration.ofSeconds(5), p -> Files.isRegularFile(p));
  }

  private void rpicamVid(String listOutput) throws IOException {
    Path script = bin.resolve("rpicam-vid");
    Files.writeString(
        script,
        "#!/bin/bash\n[ \"$1\" = --list-cameras ] || exit 2\ncat <<'END'\n" + listOutput + "END\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private void videoNode(String id, String name, String index, boolean withDevice)
      throws IOException {
    Path node = Files.createDirectories(sysfs.resolve(id));
    Files.writeString(node.resolve("name"), name + "\n");
    if (index != null) {
      Files.writeString(node.resolve("index"), index + "\n");
    }
    if (withDevice) {
      Files.createFile(dev.resolve(id));
    }
  }

  @Test
  void picksLibcameraWhenRpicamVidListsACamera() throws IOException {
    rpicamVid(
        "Available cameras\n-----------------\n"
            + "0 : imx708 [4608x2592 10-bit RGGB] (/base/soc/i2c0mux/i2c@1/imx708@1a)\n");
    videoNode("video0", "UVC Camera", "0", true);
    SourceSelector.Choice choice = selector().choose();
    assertThat(choice.source().kind()).isEqualTo(SourceSpec.Kind.LIBCAMERA);
    assertThat(choice.reason()).contains("imx708");
  }

  @Test
  void picksTheFirstCaptureDeviceSkippingCodecsIspAndSecondaryNodes() throws IOException {
    rpicamVid("No cameras available!\n");
    videoNode("video10", "bcm2835-codec-decode", "0", true);
    videoNode("video13", "bcm2835-isp", "0", true);
    videoNode("video2", "USB Camera: USB Camera", "1", true);
    videoNode("video3", "USB Camera: USB Camera", "0", false);
    videoNode("video11", "USB Camera: USB Camera", "0", true);
    videoNode("video20", "Other Camera", "0", true);
    SourceSelector.Choice choice = selector().choose();
    assertThat(choice.source()).isEqualTo(SourceSpec.v4l2(dev.resolve("video11").toString()));
    assertThat(choice.reason()).contains("rpicam-vid lists no camera").contains("USB Camera");
  }

  @Test
  void skipsADeviceThatDoesNotOpenAsACaptureDevice() throws IOException {
    videoNode("video0", "Weird Capture", "0", true);
    videoNode("video1", "Good Camera", "0", true);
    SourceSelector selector =
        new SourceSelector(
            bin.toString(),
            sysfs,
            dev,
            Duration.ofSeconds(5),
            p -> p.getFileName().toString().equals("video1"));
    SourceSelector.Choice choice = selector.choose();
    assertThat(choice.source()).isEqualTo(SourceSpec.v4l2(dev.resolve("video1").toString()));
  }

  @Test
  void fallsBackToTheTestPatternAndSaysWhy() throws IOException {
    videoNode("video10", "bcm2835-codec-encode", "0", true);
    SourceSelector.Choice choice = selector().choose();
    assertThat(choice.source()).isEqualTo(SourceSpec.testPattern());
    assertThat(choice.reason())
        .contains("rpicam-vid not on PATH")
        .contains("no V4L2 capture device")
        .contains("video10 (bcm2835-codec-encode)");
  }

  @Test
  void toleratesAMissingSysfsDirectory() throws IOException {
    SourceSelector selector =
        new SourceSelector(
            bin.toString(), root.resolve("absent"), dev, Duration.ofSeconds(5), p -> true);
    assertThat(selector.choose().source()).isEqualTo(SourceSpec.testPattern());
  }

  @Test
  void autoOpensTheSourceTheSelectorChose() throws IOException {
    videoNode("video0", "Cam", "0", true);
    CameraOptions options = CameraOptions.defaults();
    assertThat(VideoSources.open(options, selector())).isInstanceOf(V4l2Source.class);
    Files.delete(dev.resolve("video0"));
    try (var source = VideoSources.open(options, selector())) {
      assertThat(source).isInstanceOf(TestPatternSource.class);
      assertThat(source.describe()).startsWith("test-pattern 1280x720@30");
    }
  }
}
