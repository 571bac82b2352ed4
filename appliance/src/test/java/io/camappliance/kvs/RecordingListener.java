package io.camappliance.kvs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A {@link PutMediaListener} that keeps everything it is told, for assertions. */
final class RecordingListener implements PutMediaListener {
  private final List<Ack> acks = new ArrayList<>();
  final AtomicInteger ends = new AtomicInteger();
  final AtomicInteger failures = new AtomicInteger();
  volatile PutMediaException failure;
  private final CountDownLatch done = new CountDownLatch(1);

  @Override
  public synchronized void onAck(Ack ack) {
    acks.add(ack);
    notifyAll();
  }

  @Override
  public void onEnd() {
    ends.incrementAndGet();
    done.countDown();
  }

  @Override
  public void onFailure(PutMediaException f) {
    failure = f;
    failures.incrementAndGet();
    done.countDown();
  }

  synchronized List<Ack> acks() {
    return List.copyOf(acks);
  }

  /** Waits for an ACK matching {@code p}; false after {@code timeout}. */
  synchronized boolean awaitAck(Predicate<Ack> p, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (acks.stream().noneMatch(p)) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0 || done.getCount() == 0) {
        return acks.stream().anyMatch(p);
      }
      wait(Math.min(left, 100));
    }
    return true;
  }

  boolean awaitDone(Duration timeout) throws InterruptedException {
    return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
