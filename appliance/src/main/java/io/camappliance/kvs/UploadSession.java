package io.camappliance.kvs;

import io.camappliance.store.AckKind;
import io.camappliance.store.Backlog;
import io.camappliance.store.ContentStore;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uploader's side of one PutMedia connection: it remembers when each fragment was sent, turns
 * the ACKs (on the connection's reader thread) into store trims or backlog removals and metrics,
 * and records the first failure for the uploader's thread to act on (KVS PutMedia reference §5,
 * §8).
 *
 * <p>A live session acknowledges fragments in the {@link ContentStore}; a fragment the store no
 * longer holds (evicted to the backlog while its ACK was on the way) is removed from the backlog
 * instead, so it is not sent twice. A backfill session removes backlog fragments on RECEIVED.
 */
final class UploadSession implements PutMediaListener {
  private static final Logger log = LoggerFactory.getLogger(UploadSession.class);
  private static final int TRACKED = 256;

  private final int number;
  private final boolean backfill;
  private final ContentStore store;
  private final Backlog backlog;
  private final UploadMetrics metrics;
  private final Runnable progress;
  private final long[] sentTimecode = new long[TRACKED];
  private final long[] sentNanos = new long[TRACKED];
  private final long[] sentMedia = new long[TRACKED];
  private final boolean[] buffered = new boolean[TRACKED];
  private final boolean[] truncated = new boolean[TRACKED];
  private long sentCount;
  private long lastBufferingNanos;
  private volatile UploadFailure failure;
  private volatile boolean finishing;
  private long received;

  UploadSession(
      int number,
      boolean backfill,
      ContentStore store,
      Backlog backlog,
      UploadMetrics metrics,
      Runnable progress) {
    this.number = number;
    this.backfill = backfill;
    this.store = store;
    this.backlog = backlog;
    this.metrics = metrics;
    this.progress = progress;
    this.lastBufferingNanos = System.nanoTime();
  }

  int number() {
    return number;
  }

  /** The uploader starts sending a fragment (its first byte goes out next). */
  synchronized void fragmentSent(long timecode, long mediaMillis) {
    int i = (int) (sentCount++ % TRACKED);
    sentTimecode[i] = timecode;
    sentNanos[i] = System.nanoTime();
    sentMedia[i] = mediaMillis;
    buffered[i] = false;
    truncated[i] = false;
  }

  /**
   * The store evicted frames while this fragment was being sent: the service may acknowledge a
   * fragment cut short, so its ACK must not remove the whole fragment from the backlog.
   */
  synchronized void truncated(long timecode) {
    int i = find(timecode);
    if (i >= 0) {
      truncated[i] = true;
    }
  }

  private synchronized boolean isTruncated(int i) {
    return i >= 0 && truncated[i];
  }

  /** Fragments sent on this connection. */
  synchronized long fragmentsSent() {
    return sentCount;
  }

  /** Fragments of this connection the service acknowledged RECEIVED. */
  synchronized long fragmentsReceived() {
    return received;
  }

  /**
   * Staleness (producer SDK {@code StreamConnectionStaleFunc}): a fragment was sent and neither it
   * nor anything else got a BUFFERING ACK for {@code staleNanos}.
   */
  synchronized boolean stale(long nowNanos, long staleNanos) {
    if (staleNanos <= 0) {
      return false;
    }
    long from = Math.max(0, sentCount - TRACKED);
    for (long k = from; k < sentCount; k++) {
      int i = (int) (k % TRACKED);
      if (!buffered[i]) {
        long since = Math.max(sentNanos[i], lastBufferingNanos);
        return nowNanos - since > staleNanos;
      }
    }
    return false;
  }

  void finishing() {
    finishing = true;
  }

  UploadFailure failure() {
    return failure;
  }

  void fail(UploadFailure f) {
    if (failure == null) {
      failure = f;
    }
  }

  @Override
  public void onAck(Ack ack) {
    switch (ack.eventType()) {
      case BUFFERING -> buffering(ack.fragmentTimecode());
      case RECEIVED -> received(ack.fragmentTimecode());
      case PERSISTED -> persisted(ack.fragmentTimecode());
      case ERROR -> error(ack);
      default -> {}
    }
  }

  private synchronized int find(long timecode) {
    long from = Math.max(0, sentCount - TRACKED);
    for (long k = sentCount - 1; k >= from; k--) {
      int i = (int) (k % TRACKED);
      if (sentTimecode[i] == timecode) {
        return i;
      }
    }
    return -1;
  }

  private synchronized long elapsedMillis(int i) {
    return (System.nanoTime() - sentNanos[i]) / 1_000_000;
  }

  private void buffering(long timecode) {
    int i = find(timecode);
    synchronized (this) {
      lastBufferingNanos = System.nanoTime();
      if (i >= 0 && !buffered[i]) {
        buffered[i] = true;
        metrics.buffering.record(elapsedMillis(i));
      }
    }
  }

  private void received(long timecode) {
    int i = find(timecode);
    if (i >= 0) {
      metrics.received.record(elapsedMillis(i));
    }
    synchronized (this) {
      received++;
    }
    metrics.fragmentsReceived.increment();
    if (backfill) {
      removeFromBacklog(timecode, i);
    } else if (!store.acknowledge(timecode, AckKind.RECEIVED)
        && backlog != null
        && !isTruncated(i)) {
      removeFromBacklog(timecode, i);
    }
    progress.run();
  }

  private void persisted(long timecode) {
    int i = find(timecode);
    if (i >= 0) {
      metrics.persisted.record(elapsedMillis(i));
    }
    metrics.fragmentsPersisted.increment();
    if (!backfill) {
      store.acknowledge(timecode, AckKind.PERSISTED);
    }
  }

  private void removeFromBacklog(long timecode, int i) {
    try {
      if (backlog.remove(timecode)) {
        metrics.backlogFragmentsUploaded.increment();
        if (i >= 0) {
          synchronized (this) {
            metrics.backlogMediaMillisUploaded.add(sentMedia[i]);
          }
        }
      }
    } catch (IOException e) {
      log.warn("Could not remove uploaded fragment {} from the backlog", timecode, e);
    }
  }

  private void error(Ack ack) {
    AckError e = ack.error();
    metrics.errorAck(e.errorId());
    String what =
        "ERROR ACK "
            + e.errorId()
            + " "
            + e.code()
            + " for fragment "
            + ack.fragmentTimecode()
            + ": "
            + e.message();
    if (e.errorClass() == ErrorClass.SKIP_FRAGMENT && ack.fragmentTimecode() > 0) {
      // The fragment itself is bad: resending it cannot help (producer SDK: marked SKIP).
      if (backfill) {
        removeFromBacklog(ack.fragmentTimecode(), -1);
      } else {
        store.acknowledge(ack.fragmentTimecode(), AckKind.RECEIVED);
      }
      metrics.dropped("skipped after ERROR " + e.errorId(), 1);
    }
    log.warn("PutMedia session {}: {}", number, what);
    fail(new UploadFailure(e.errorClass(), what, e.errorId()));
  }

  @Override
  public void onEnd() {
    if (!finishing) {
      fail(UploadFailure.of(ErrorClass.RECONNECT, "the service ended the PutMedia response"));
    }
  }

  @Override
  public void onFailure(PutMediaException f) {
    fail(new UploadFailure(f.errorClass(), f.getMessage(), 0));
  }
}
