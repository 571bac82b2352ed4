package io.camappliance.emulator.putmedia;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The response side of a PutMedia connection: ACK lines written and flushed one by one while the
 * request body is still arriving. Any thread may send; after {@link #close} nothing more is
 * written. Injected delays and drops apply here.
 */
final class AckChannel {
  private final OutputStream out;
  private final ScheduledExecutorService timer;
  private final PutMediaFaults faults;
  private final boolean acksRequired;
  private boolean closed;
  private int delayed;

  AckChannel(
      OutputStream out,
      ScheduledExecutorService timer,
      PutMediaFaults faults,
      boolean acksRequired) {
    this.out = out;
    this.timer = timer;
    this.faults = faults;
    this.acksRequired = acksRequired;
  }

  /** Sends an ACK, subject to injected faults; ERROR is sent even when ACKs were not asked for. */
  void send(Ack ack) {
    if (!acksRequired && ack.type() != AckEventType.ERROR) {
      return;
    }
    long delay = faults.ackDelayMillis(ack.type());
    if (delay < 0) {
      return;
    }
    if (delay > 0) {
      synchronized (this) {
        delayed++;
      }
      timer.schedule(
          () -> {
            write(ack);
            synchronized (this) {
              delayed--;
              notifyAll();
            }
          },
          delay,
          TimeUnit.MILLISECONDS);
      return;
    }
    write(ack);
  }

  /** Writes at once, bypassing faults (the final ERROR before closing). */
  synchronized void write(Ack ack) {
    if (closed) {
      return;
    }
    try {
      out.write(ack.toJsonLine().getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      closed = true;
    }
  }

  /** Waits (at most {@code maxMillis}) until every delayed ACK has been written. */
  synchronized void awaitDelayed(long maxMillis) {
    long deadline = System.currentTimeMillis() + maxMillis;
    long left;
    while (delayed > 0 && !closed && (left = deadline - System.currentTimeMillis()) > 0) {
      try {
        wait(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  synchronized boolean isClosed() {
    return closed;
  }

  /** Ends the response body (the final chunk); idempotent. */
  synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.close();
    } catch (IOException ignored) {
      // the peer is gone; nothing to tell it
    }
  }
}
