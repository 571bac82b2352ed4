package io.camappliance.webrtc;

import io.camappliance.media.EncodedFrame;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * One viewer's bounded hand-off from the fan-out thread to the viewer's sender thread. Delivery
 * starts at an IDR (a decoder can do nothing with the P frames before it). When the viewer falls so
 * far behind that the queue is full, the frame is dropped, and so are the frames still queued (they
 * would only add delay) and every frame up to the next IDR, because the P frames after a missing
 * one reference a picture the viewer never got; each dropped frame and each such skip is counted.
 * The fan-out thread never waits, so one slow viewer costs the camera and the other viewers
 * nothing.
 *
 * <p>{@link #offer} is called by the fan-out thread only; {@link #poll} by the sender thread only.
 */
final class ViewerQueue {
  private final ArrayBlockingQueue<EncodedFrame> frames;
  // Fan-out thread only.
  private boolean waitingForIdr = true;
  private boolean started;
  private volatile long skippedFrames;
  private volatile long skips;
  private volatile long offered;

  ViewerQueue(int capacity) {
    this.frames = new ArrayBlockingQueue<>(capacity);
  }

  /** Queues the frame unless the viewer must wait for an IDR; true when queued. */
  boolean offer(EncodedFrame frame) {
    if (waitingForIdr) {
      if (!frame.keyframe()) {
        if (started) {
          skippedFrames++;
        }
        return false;
      }
      waitingForIdr = false;
      started = true;
    }
    if (!frames.offer(frame)) {
      // The queued frames go too: they would only make the viewer later, and it resumes at the IDR.
      int stale = frames.size();
      frames.clear();
      skippedFrames += 1 + stale;
      skips++;
      waitingForIdr = true;
      return false;
    }
    offered++;
    return true;
  }

  /** The next frame, or null when none is queued. */
  EncodedFrame poll() {
    return frames.poll();
  }

  /** Drops what is queued, so the frames' memory is not held by an ended viewer. */
  void clear() {
    frames.clear();
  }

  /** Whether the first IDR has been queued. */
  boolean started() {
    return offered > 0;
  }

  /** Frames dropped because the viewer fell behind (the P frames skipped to the next IDR too). */
  long skippedFrames() {
    return skippedFrames;
  }

  /** How often the viewer fell behind and was moved on to the next IDR. */
  long skips() {
    return skips;
  }
}
