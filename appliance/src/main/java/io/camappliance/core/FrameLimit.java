package io.camappliance.core;

import io.camappliance.media.EncodedFrame;
import io.camappliance.media.FrameSink;

/** Passes the first {@code limit} frames on, then drops the rest and says so once. */
final class FrameLimit implements FrameSink {
  private final long limit;
  private final FrameSink next;
  private final Runnable onLimit;
  private long passed;

  FrameLimit(long limit, FrameSink next, Runnable onLimit) {
    this.limit = limit;
    this.next = next;
    this.onLimit = onLimit;
  }

  @Override
  public void onFrame(EncodedFrame frame) {
    if (passed >= limit) {
      return;
    }
    next.onFrame(frame);
    if (++passed == limit) {
      onLimit.run();
    }
  }
}
