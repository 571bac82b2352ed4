package io.camappliance.camera;

import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread a source captures on. {@link #stop()} asks it to finish, wakes it from any sleep
 * and waits for it, so after {@code stop()} returns the source's resources can be released.
 */
final class CaptureThread {
  private static final Logger log = LoggerFactory.getLogger(CaptureThread.class);
  private static final long JOIN_MILLIS = 5_000;

  /** The body; it loops while {@link CaptureThread#running()} and releases its own resources. */
  interface Body {
    void run(CaptureThread thread) throws Exception;
  }

  private final Thread thread;
  private volatile boolean running = true;

  CaptureThread(String name, Body body) {
    this.thread =
        new Thread(
            () -> {
              try {
                body.run(this);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (Exception e) {
                if (running) {
                  log.error("{} stopped: {}", name, e.getMessage(), e);
                }
              }
            },
            name);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  boolean running() {
    return running;
  }

  /**
   * Sleeps until {@code deadlineNanos} ({@link System#nanoTime()} scale) or until stopped.
   *
   * @return whether the thread is still running
   */
  boolean sleepUntil(long deadlineNanos) {
    long wait;
    while (running && (wait = deadlineNanos - System.nanoTime()) > 0) {
      LockSupport.parkNanos(this, wait);
    }
    return running;
  }

  /** Stops the thread and waits for it; idempotent; safe to call from the thread itself. */
  void stop() {
    running = false;
    if (Thread.currentThread() == thread) {
      return;
    }
    LockSupport.unpark(thread);
    thread.interrupt();
    try {
      thread.join(JOIN_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      log.warn("{} did not stop within {} ms", thread.getName(), JOIN_MILLIS);
    }
  }

  boolean isAlive() {
    return thread.isAlive();
  }
}
