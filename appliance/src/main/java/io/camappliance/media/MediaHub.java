package io.camappliance.media;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fan-out from the one encoder to every consumer (fragmenter, WebRTC sessions, ...). The
 * capture thread calls {@link #onFrame} and never blocks: each subscriber has a bounded queue and a
 * thread of its own. When a subscriber's queue is full the frame is dropped for that subscriber and
 * so are the following frames until the next IDR, since a decoder cannot use P-frames whose
 * reference is missing; every dropped frame is counted.
 */
public final class MediaHub implements FrameSink, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MediaHub.class);

  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

  /**
   * Adds a consumer with its own thread and a queue of {@code capacity} frames.
   *
   * @param name names the thread and the log lines
   */
  public Subscription subscribe(String name, int capacity, FrameSink sink) {
    Subscription s = new Subscription(name, capacity, sink);
    subscriptions.add(s);
    s.thread.start();
    return s;
  }

  @Override
  public void onFrame(EncodedFrame frame) {
    for (Subscription s : subscriptions) {
      s.offer(frame);
    }
  }

  /** Stops every subscriber after it has taken the frames already queued. Idempotent. */
  @Override
  public void close() {
    for (Subscription s : subscriptions) {
      s.close();
    }
    subscriptions.clear();
  }

  /** One consumer's queue and thread. */
  public final class Subscription implements AutoCloseable {
    private final String name;
    private final ArrayBlockingQueue<EncodedFrame> queue;
    private final FrameSink sink;
    private final Thread thread;
    private volatile boolean closed;
    private boolean skippingToIdr;
    private volatile long delivered;
    private volatile long dropped;

    private Subscription(String name, int capacity, FrameSink sink) {
      this.name = name;
      this.queue = new ArrayBlockingQueue<>(capacity);
      this.sink = sink;
      this.thread = new Thread(this::run, "hub-" + name);
      this.thread.setDaemon(true);
    }

    private void offer(EncodedFrame frame) {
      if (closed) {
        return;
      }
      if (skippingToIdr) {
        if (!frame.keyframe()) {
          dropped++;
          return;
        }
        skippingToIdr = false;
      }
      if (!queue.offer(frame)) {
        dropped++;
        skippingToIdr = true;
        log.warn("{} is not keeping up: dropping frames until the next IDR", name);
      }
    }

    private void run() {
      try {
        while (!closed || !queue.isEmpty()) {
          EncodedFrame frame = queue.poll(100, TimeUnit.MILLISECONDS);
          if (frame != null) {
            try {
              sink.onFrame(frame);
              delivered++;
            } catch (RuntimeException e) {
              log.error("{} failed on {}", name, frame, e);
            }
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** Frames handed to the consumer. */
    public long delivered() {
      return delivered;
    }

    /** Frames this consumer lost because it fell behind. */
    public long dropped() {
      return dropped;
    }

    /** Waits for the queued frames to be taken, then stops the thread. Idempotent. */
    @Override
    public void close() {
      closed = true;
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      subscriptions.remove(this);
    }
  }
}
