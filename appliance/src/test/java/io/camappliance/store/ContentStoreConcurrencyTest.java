package io.camappliance.store;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ContentStoreConcurrencyTest {
  private static final int FRAMES = 10_000;
  private static final int FRAMES_PER_FRAGMENT = 30;

  private static int size(long s) {
    return 500 + (int) (s * 7919 % 2500);
  }

  @Test
  @Timeout(20)
  void everyFrameIsReadOnceInOrderOrCountedAsEvictedWhileAWriterAndAReaderRunTogether()
      throws Exception {
    BitSet evictedUnsent = new BitSet(FRAMES);
    StoreItem evictedFrame = new StoreItem();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    // A fragment is about 52 KB: the arena holds about four, so a lagging reader loses some.
    ContentStore store =
        new ContentStore(
            new StoreLimits(200_000, Long.MAX_VALUE / 4, 400),
            TrimPolicy.ON_RECEIVED,
            fragment -> {
              for (long i = fragment.frameCount() - fragment.unsentFrames();
                  i < fragment.frameCount();
                  i++) {
                fragment.frame((int) i, evictedFrame);
                try {
                  TestStream.assertFrameBytes(
                      fragment.frameBytes((int) i),
                      evictedFrame.sequence(),
                      size(evictedFrame.sequence()));
                } catch (AssertionError e) {
                  failure.compareAndSet(null, e);
                }
                evictedUnsent.set((int) evictedFrame.sequence());
              }
            });
    CountDownLatch writerAhead = new CountDownLatch(1);
    CountDownLatch writerDone = new CountDownLatch(1);
    BitSet read = new BitSet(FRAMES);

    Thread writer =
        new Thread(
            () -> {
              try {
                TestStream stream =
                    new TestStream(store, FRAMES_PER_FRAGMENT, ContentStoreConcurrencyTest::size)
                        .start();
                stream.frames(3_000);
                writerAhead.countDown(); // the reader starts now, far behind: forced eviction
                stream.frames(FRAMES - 3_000);
                store.onEnd();
              } catch (Throwable t) {
                failure.compareAndSet(null, t);
              } finally {
                writerAhead.countDown();
                writerDone.countDown();
              }
            },
            "store-writer");
    Thread reader =
        new Thread(
            () -> {
              StoreItem item = new StoreItem();
              ByteBuffer dst = ByteBuffer.allocate(4096);
              long previousSequence = -1;
              long previousFragment = -1;
              try {
                writerAhead.await();
                while (true) {
                  if (!store.next(item, dst.clear(), 20, MILLISECONDS)) {
                    if (writerDone.getCount() == 0 && !store.peek(item, 0, MILLISECONDS)) {
                      break;
                    }
                    continue;
                  }
                  dst.flip();
                  long s = item.sequence();
                  TestStream.assertFrameBytes(dst, s, size(s));
                  if (s <= previousSequence || read.get((int) s)) {
                    throw new AssertionError("frame " + s + " after " + previousSequence);
                  }
                  read.set((int) s);
                  previousSequence = s;
                  if (item.fragmentStart()) {
                    if (previousFragment >= 0) {
                      store.acknowledge(previousFragment, AckKind.RECEIVED);
                    }
                    previousFragment = item.fragmentTimecodeMillis();
                  }
                }
              } catch (Throwable t) {
                failure.compareAndSet(null, t);
              }
            },
            "store-reader");
    writer.start();
    reader.start();
    writer.join(TimeUnit.SECONDS.toMillis(15));
    reader.join(TimeUnit.SECONDS.toMillis(15));
    store.close();

    assertThat(writer.isAlive()).as("writer still running").isFalse();
    assertThat(reader.isAlive()).as("reader still running").isFalse();
    assertThat(failure.get()).isNull();

    StoreStats stats = store.stats();
    assertThat(stats.framesEvictedUnsent()).as("the lagging reader forced eviction").isPositive();
    assertThat(stats.framesDropped()).isZero();
    assertThat(read.intersects(evictedUnsent)).as("a frame both read and evicted unsent").isFalse();
    BitSet accounted = (BitSet) read.clone();
    accounted.or(evictedUnsent);
    assertThat(accounted.cardinality()).as("frames read or evicted unsent").isEqualTo(FRAMES);
    assertThat(evictedUnsent.cardinality()).isEqualTo((int) stats.framesEvictedUnsent());
    assertThat(read.cardinality()).isEqualTo((int) stats.framesRead());
    assertThat(stats.framesAppended()).isEqualTo(FRAMES);
  }
}
