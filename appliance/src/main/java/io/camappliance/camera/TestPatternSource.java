package io.camappliance.camera;

import io.camappliance.media.EncodedFrame;
import io.camappliance.media.FrameSink;
import io.camappliance.media.SourceException;
import io.camappliance.media.VideoSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A synthetic camera: a moving picture with the capture time and frame number burnt in ({@link
 * TestPicture}), encoded with {@code libopenh264}. Frame {@code n} has PTS {@code start + n / fps}
 * on the monotonic clock; in real time the thread sleeps until that instant before painting (and
 * skips frame periods it is too slow for, so PTS stays with the clock), otherwise frames come as
 * fast as the encoder runs.
 */
public final class TestPatternSource implements VideoSource {
  private static final Logger log = LoggerFactory.getLogger(TestPatternSource.class);
  private static final int RING = 64; // capture times kept for packets the encoder delays

  private final CameraOptions options;
  private final AtomicBoolean keyframeRequested = new AtomicBoolean();
  private final long[] captureTimes = new long[RING];
  private final long[] ptsTimes = new long[RING];
  private long lateSlots;
  private CaptureThread thread;
  private FrameAssembler assembler;
  private FrameSink sink;
  private MonotonicClock clock;
  private boolean closed;

  public TestPatternSource(CameraOptions options) {
    this.options = options;
  }

  @Override
  public String describe() {
    return "test-pattern "
        + options.width()
        + "x"
        + options.height()
        + "@"
        + options.fps()
        + " libopenh264 "
        + options.bitrateKbps()
        + " kbit/s";
  }

  @Override
  public synchronized void start(FrameSink sink) throws SourceException {
    if (thread != null || closed) {
      throw new IllegalStateException("test pattern already started or closed");
    }
    H264Encoder encoder =
        H264Encoder.open(
            List.of("libopenh264"),
            options.width(),
            options.height(),
            options.fps(),
            options.bitrateKbps(),
            options.gopFrames(),
            options.profile());
    this.sink = sink;
    this.assembler = new FrameAssembler(options.width(), options.height(), options.fps());
    this.clock = new MonotonicClock();
    this.thread = new CaptureThread("camera-test-pattern", t -> run(t, encoder));
    log.info("starting {}", describe());
    thread.start();
  }

  private void run(CaptureThread t, H264Encoder encoder) throws SourceException {
    try (encoder) {
      TestPicture picture =
          new TestPicture(
              options.width(),
              options.height(),
              SourceSpec.NOISE.equals(options.source().target()));
      long startNanos = clock.nanoTimeAt(clock.anchorMicros());
      long periodNanos = 1_000_000_000L / options.fps();
      H264Encoder.PacketHandler handler = this::onPacket;
      long slot = -1; // the frame period this picture belongs to
      for (long n = 0; t.running(); n++) {
        slot++;
        if (options.realtime()) {
          long late = System.nanoTime() - (startNanos + slot * periodNanos);
          if (late > periodNanos) {
            // Slower than the frame rate: skip the periods already missed, so timestamps keep
            // tracking the clock instead of falling further behind.
            long missed = late / periodNanos;
            slot += missed;
            if (lateSlots == 0 || (lateSlots + missed) / 300 > lateSlots / 300) {
              log.warn(
                  "test pattern cannot keep up with {} fps; {} frame periods skipped so far",
                  options.fps(),
                  lateSlots + missed);
            }
            lateSlots += missed;
          } else if (!t.sleepUntil(startNanos + slot * periodNanos)) {
            break;
          }
        }
        long capture = MonotonicClock.wallMicros();
        int i = (int) (n % RING);
        captureTimes[i] = capture;
        ptsTimes[i] = clock.anchorMicros() + slot * 1_000_000L / options.fps();
        picture.paint(n, capture);
        copyInto(picture, encoder.picture());
        encoder.encode(n, keyframeRequested.getAndSet(false), handler);
      }
    }
  }

  private void onPacket(byte[] data, int length, long n) {
    int i = (int) (n % RING);
    EncodedFrame frame = assembler.assemble(data, 0, length, ptsTimes[i], captureTimes[i]);
    if (frame != null) {
      sink.onFrame(frame);
    }
  }

  private static void copyInto(TestPicture p, AVFrame f) {
    copyPlane(p.y, p.width, p.height, f.data(0), f.linesize(0));
    copyPlane(p.u, p.width / 2, p.height / 2, f.data(1), f.linesize(1));
    copyPlane(p.v, p.width / 2, p.height / 2, f.data(2), f.linesize(2));
  }

  private static void copyPlane(byte[] src, int w, int h, BytePointer dst, int stride) {
    if (stride == w) {
      dst.position(0).put(src, 0, w * h);
      return;
    }
    for (int row = 0; row < h; row++) {
      dst.position((long) row * stride).put(src, row * w, w);
    }
  }

  /** Always honoured: the next picture is encoded as an IDR. */
  @Override
  public boolean requestKeyframe() {
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
