package io.camappliance.camera;

import io.camappliance.media.EncodedFrame;
import io.camappliance.media.FrameSink;
import io.camappliance.media.SourceException;
import io.camappliance.media.VideoSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bytedeco.ffmpeg.global.avdevice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A V4L2 camera (USB/UVC, or any {@code /dev/videoN} capture node) read with FFmpeg's {@code
 * video4linux2} input. A camera that encodes H.264 itself is passed through untouched apart from
 * our stamp and timestamps; raw (YUYV, NV12, ...) or MJPEG pictures are decoded, converted and
 * encoded with {@code h264_v4l2m2m} (the Pi's hardware encoder) or else {@code libopenh264}. Frames
 * are timestamped on arrival from the monotonic clock.
 */
public final class V4l2Source implements VideoSource {
  private static final Logger log = LoggerFactory.getLogger(V4l2Source.class);
  private static final int RING = 64;

  private final String device;
  private final String inputFormat;
  private final CameraOptions options;
  private final AtomicBoolean keyframeRequested = new AtomicBoolean();
  private final AtomicBoolean keyframeWarned = new AtomicBoolean();
  private final long[] ptsRing = new long[RING];
  private final long[] captureRing = new long[RING];
  private CaptureThread thread;
  private boolean closed;
  private volatile boolean passthrough;
  private volatile String encoderName = "";

  /** A camera at {@code device}, e.g. {@code /dev/video0}. */
  public V4l2Source(String device, CameraOptions options) {
    this(device, "video4linux2", options);
  }

  /** Reads {@code url} with another FFmpeg input format (tests feed recorded camera output). */
  V4l2Source(String url, String inputFormat, CameraOptions options) {
    this.device = url;
    this.inputFormat = inputFormat;
    this.options = options;
  }

  @Override
  public String describe() {
    return "v4l2 "
        + device
        + " "
        + options.width()
        + "x"
        + options.height()
        + "@"
        + options.fps()
        + (passthrough ? " H.264 passthrough" : encoderName.isEmpty() ? "" : " " + encoderName);
  }

  @Override
  public synchronized void start(FrameSink sink) throws SourceException {
    if (thread != null || closed) {
      throw new IllegalStateException("v4l2 source already started or closed");
    }
    Path path = Path.of(device);
    if (!Files.exists(path)) {
      throw new SourceException(
          "no such device " + device + "; check the camera cable or the v4l2 source setting");
    }
    if (!Files.isReadable(path) || !Files.isWritable(path)) {
      throw new SourceException(
          "no permission to open " + device + "; add the service user to the video group");
    }
    avdevice.avdevice_register_all();
    Demuxer demuxer = open();
    passthrough = demuxer.isH264();
    Transcoder transcoder = null;
    if (!passthrough) {
      try {
        H264Encoder encoder =
            H264Encoder.open(
                encoderCandidates(),
                options.width(),
                options.height(),
                options.fps(),
                options.bitrateKbps(),
                options.gopFrames(),
                options.profile());
        encoderName = encoder.name();
        transcoder =
            new Transcoder(
                demuxer.parameters(), encoder, options.width(), options.height(), device);
      } catch (SourceException e) {
        demuxer.close();
        throw e;
      }
    }
    Transcoder t = transcoder;
    thread = new CaptureThread("camera-v4l2", ct -> run(ct, demuxer, t, sink));
    log.info("starting {}", describe());
    thread.start();
  }

  /** Asks the camera for H.264 first; a camera without it is opened in its own format. */
  private Demuxer open() throws SourceException {
    Map<String, String> base =
        isDevice()
            ? Map.of(
                "video_size",
                options.width() + "x" + options.height(),
                "framerate",
                Integer.toString(options.fps()))
            : Map.of();
    if (isDevice()) {
      try {
        Map<String, String> h264 = new java.util.HashMap<>(base);
        h264.put("input_format", "h264");
        return Demuxer.open(device, inputFormat, h264, "device " + device);
      } catch (SourceException e) {
        log.info("{} offers no H.264 ({}); encoding its pictures", device, e.getMessage());
      }
    }
    return Demuxer.open(device, inputFormat, base, "device " + device);
  }

  private boolean isDevice() {
    return "video4linux2".equals(inputFormat);
  }

  private List<String> encoderCandidates() {
    return switch (options.encoder()) {
      case "libopenh264" -> List.of("libopenh264");
      case "h264_v4l2m2m" -> List.of("h264_v4l2m2m");
      default -> List.of("h264_v4l2m2m", "libopenh264");
    };
  }

  private void run(CaptureThread t, Demuxer demuxer, Transcoder transcoder, FrameSink sink)
      throws SourceException {
    MonotonicClock clock = new MonotonicClock();
    FrameAssembler assembler =
        new FrameAssembler(
            passthrough ? demuxer.width() : options.width(),
            passthrough ? demuxer.height() : options.height(),
            options.fps());
    if (transcoder != null) {
      // An encoder that keeps SPS/PPS out of band still gets them in front of every IDR.
      assembler.parameterSetsFromAnnexB(transcoder.extradata());
    }
    H264Encoder.PacketHandler handler =
        (data, length, n) -> {
          int slot = (int) Math.floorMod(n, (long) RING);
          EncodedFrame frame =
              assembler.assemble(data, 0, length, ptsRing[slot], captureRing[slot]);
          if (frame != null) {
            sink.onFrame(frame);
          }
        };
    try (demuxer;
        transcoder) {
      int n;
      while (t.running() && (n = demuxer.read()) >= 0) {
        long pts = clock.nowMicros();
        long capture = MonotonicClock.wallMicros();
        if (passthrough) {
          EncodedFrame frame = assembler.assemble(demuxer.data(), 0, n, pts, capture);
          if (frame != null) {
            sink.onFrame(frame);
          }
        } else {
          transcoder.push(
              demuxer.packet(),
              keyframeRequested.getAndSet(false),
              slot -> {
                ptsRing[(int) (slot % RING)] = pts;
                captureRing[(int) (slot % RING)] = capture;
              },
              handler);
        }
      }
      if (t.running()) {
        log.warn("{} stopped delivering pictures", device);
      }
    }
  }

  /** True when this source encodes (then the next frame is an IDR); false for H.264 cameras. */
  @Override
  public boolean requestKeyframe() {
    if (passthrough) {
      if (keyframeWarned.compareAndSet(false, true)) {
        log.info("{} encodes H.264 itself and cannot be asked for an IDR", device);
      }
      return false;
    }
    keyframeRequested.set(true);
    return true;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (thread != null) {
      thread.stop();
      log.info("stopped {}", describe());
    }
  }
}
