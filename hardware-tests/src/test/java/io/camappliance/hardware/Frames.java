package io.camappliance.hardware;

import io.camappliance.h264.AnnexB;
import io.camappliance.h264.FrameStamp;
import io.camappliance.media.EncodedFrame;
import io.camappliance.media.FrameSink;
import io.camappliance.media.VideoSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Collects a source's frames and reads back their stamps. */
final class Frames implements FrameSink {
  final List<EncodedFrame> frames = new ArrayList<>();
  final List<Long> stamps = new ArrayList<>();
  private final CountDownLatch done;

  private Frames(int count) {
    done = new CountDownLatch(count);
  }

  /** Starts {@code source}, waits for {@code count} frames (at most {@code seconds}), closes it. */
  static Frames collect(VideoSource source, int count, int seconds) throws Exception {
    Frames f = new Frames(count);
    try (source) {
      source.start(f);
      f.done.await(seconds, TimeUnit.SECONDS);
    }
    return f;
  }

  @Override
  public synchronized void onFrame(EncodedFrame frame) {
    if (done.getCount() == 0) {
      return;
    }
    frames.add(frame);
    long[] seq = {-1};
    AnnexB.forEachNalUnit(
        frame.data(),
        0,
        frame.length(),
        (b, off, len) -> FrameStamp.fromNalUnit(b, off, len).ifPresent(s -> seq[0] = s.sequence()));
    stamps.add(seq[0]);
    done.countDown();
  }
}
