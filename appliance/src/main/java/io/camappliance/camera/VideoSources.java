package io.camappliance.camera;

import io.camappliance.media.VideoSource;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the video source the settings ask for; {@code auto} asks a {@link SourceSelector}. */
public final class VideoSources {
  private static final Logger log = LoggerFactory.getLogger(VideoSources.class);

  private VideoSources() {}

  /** The source for {@code options}, not yet started; {@code auto} looks at this machine. */
  public static VideoSource open(CameraOptions options) {
    return open(options, new SourceSelector());
  }

  /** As {@link #open(CameraOptions)}, resolving {@code auto} with {@code selector}. */
  public static VideoSource open(CameraOptions options, SourceSelector selector) {
    SourceSpec spec = options.source();
    if (spec.kind() == SourceSpec.Kind.AUTO) {
      SourceSelector.Choice choice = selector.choose();
      log.info("camera source auto: chose {} because {}", choice.source(), choice.reason());
      spec = choice.source();
      options = options.withSource(spec);
    }
    return switch (spec.kind()) {
      case TEST_PATTERN -> new TestPatternSource(options);
      case V4L2 -> new V4l2Source(spec.target(), options);
      case LIBCAMERA -> new LibcameraSource(options);
      case FILE -> new FileSource(Path.of(spec.target()), options);
      case AUTO -> throw new IllegalStateException("auto was resolved above");
    };
  }
}
