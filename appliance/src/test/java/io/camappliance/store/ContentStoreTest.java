package io.camappliance.store;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camappliance.media.StreamHeader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ContentStoreTest {
  private static final long UNLIMITED_MILLIS = Long.MAX_VALUE / 4;

  private final StoreItem item = new StoreItem();
  private final ByteBuffer dst = ByteBuffer.allocate(1 << 20);

  private static ContentStore store(long bytes, long millis, int frames, TrimPolicy policy) {
    return new ContentStore(new StoreLimits(bytes, millis, frames), policy, null);
  }

  private static ContentStore roomy(TrimPolicy policy) {
    return store(1 << 20, UNLIMITED_MILLIS, 1000, policy);
  }

  /**
   * Takes the next frame, checks its bytes are the ones it was stored with, returns its sequence.
   */
  private long read(ContentStore store) throws InterruptedException {
    dst.clear();
    assertThat(store.next(item, dst, 0, SECONDS)).as("a frame is available").isTrue();
    dst.flip();
    TestStream.assertFrameBytes(dst, item.sequence(), item.length());
    return item.sequence();
  }

  private List<Long> readAll(ContentStore store) throws InterruptedException {
    List<Long> sequences = new ArrayList<>();
    dst.clear();
    while (store.next(item, dst.clear(), 0, SECONDS)) {
      dst.flip();
      TestStream.assertFrameBytes(dst, item.sequence(), item.length());
      sequences.add(item.sequence());
    }
    return sequences;
  }

  private static List<Long> range(long from, long to) {
    return LongStream.range(from, to).boxed().toList();
  }

  @Test
  void readsFramesInOrderWithTheirBytesIntactAcrossArenaWrapArounds() throws Exception {
    ContentStore store = store(16_000, UNLIMITED_MILLIS, 100, TrimPolicy.ON_RECEIVED);
    TestStream stream = new TestStream(store, 4, s -> 700 + (int) (s % 5) * 97).start();
    long expected = 0;
    for (int round = 0; round < 30; round++) {
      stream.frames(8);
      for (int i = 0; i < 8; i++) {
        assertThat(read(store)).isEqualTo(expected);
        assertThat(item.length()).isEqualTo(700 + (int) (expected % 5) * 97);
        assertThat(item.index()).isEqualTo(expected);
        assertThat(item.timecodeMillis()).isEqualTo(TestStream.timecode(expected));
        assertThat(item.fragmentStart()).isEqualTo(expected % 4 == 0);
        assertThat(item.fragmentTimecodeMillis()).isEqualTo(TestStream.timecode(expected / 4 * 4));
        assertThat(item.captureEpochMicros()).isEqualTo(expected * 1000);
        assertThat(item.durationMillis()).isEqualTo(TestStream.FRAME_MILLIS);
        expected++;
      }
      // The fragment before the newest is complete: acknowledge it.
      store.acknowledge(TestStream.timecode(expected - 8), AckKind.RECEIVED);
    }
    StoreStats stats = store.stats();
    assertThat(stats.arenaBytesSkipped()).as("the arena wrapped with waste").isPositive();
    assertThat(stats.framesEvicted()).isZero();
    assertThat(stats.framesRead()).isEqualTo(240);
    assertThat(stats.fragmentsTrimmed()).as("all but the open fragment").isEqualTo(59);
  }

  @Test
  void cursorsDescribeWhatIsBufferedAndWhatIsUnsent() throws Exception {
    ContentStore store = roomy(TrimPolicy.ON_PERSISTED);
    new TestStream(store, 5, 100).start().frames(12);
    read(store);
    read(store);
    read(store);

    StoreStats stats = store.stats();
    assertThat(stats.frames()).isEqualTo(12);
    assertThat(stats.fragments()).isEqualTo(3);
    assertThat(stats.unsentFrames()).isEqualTo(9);
    assertThat(stats.bytesStored()).isEqualTo(1200);
    assertThat(stats.arenaBytesUsed()).isEqualTo(1200);
    assertThat(stats.bufferedDurationMillis()).isEqualTo(12 * 40);
    assertThat(stats.unsentDurationMillis()).isEqualTo(9 * 40);
    assertThat(store.bufferedDurationMillis()).isEqualTo(12 * 40);
    assertThat(store.unsentDurationMillis()).isEqualTo(9 * 40);
    assertThat(stats.framesAppended()).isEqualTo(12);
    assertThat(stats.framesRead()).isEqualTo(3);
  }

  @Test
  void peekShowsTheNextFrameWithoutTakingIt() throws Exception {
    ContentStore store = roomy(TrimPolicy.ON_PERSISTED);
    TestStream stream = new TestStream(store, 5, 100).start().frames(1);
    assertThat(store.peek(item, 0, SECONDS)).isTrue();
    assertThat(item.fragmentStart()).isTrue();
    assertThat(item.header()).isSameAs(stream.header());
    assertThat(item.length()).isEqualTo(100);
    assertThat(read(store)).isZero();
    assertThat(store.peek(item, 0, SECONDS)).isFalse();
  }

  @Test
  void rewindReturnsToTheStartOfTheFirstFragmentNotAcknowledged() throws Exception {
    ContentStore store = roomy(TrimPolicy.ON_PERSISTED);
    new TestStream(store, 5, 100).start().frames(20);
    for (int i = 0; i < 17; i++) {
      read(store);
    }
    // Fragments 0 and 1 were received; fragment 2 (frames 10..14) was sent but not acknowledged.
    assertThat(store.acknowledge(TestStream.timecode(5), AckKind.RECEIVED)).isTrue();

    assertThat(store.rewind()).isEqualTo(7);
    assertThat(readAll(store)).isEqualTo(range(10, 20));
    assertThat(store.stats().rewinds()).isEqualTo(1);
    assertThat(store.stats().frames())
        .as("RECEIVED does not trim when waiting for PERSISTED")
        .isEqualTo(20);
  }

  @Test
  void rewindWithNothingAcknowledgedReturnsToTheTail() throws Exception {
    ContentStore store = roomy(TrimPolicy.ON_PERSISTED);
    new TestStream(store, 5, 100).start().frames(8);
    readAll(store);
    assertThat(store.rewind()).isEqualTo(8);
    assertThat(read(store)).isZero();
    assertThat(item.index()).as("a resent frame keeps its index").isZero();
    assertThat(readAll(store)).isEqualTo(range(1, 8));
    assertThat(store.stats().framesRead()).isEqualTo(16);
  }

  @Test
  void rewindLandsOnAFragmentStartWhenTheReaderCaughtUpWithAnOpenFragment() throws Exception {
    ContentStore store = roomy(TrimPolicy.ON_RECEIVED);
    TestStream stream = new TestStream(store, 5, 100).start().frames(7);
    readAll(store);
    // The fragment at frame 5 is still being written; an ACK for it cannot trim it.
    assertThat(store.acknowledge(TestStream.timecode(5), AckKind.RECEIVED)).isTrue();
    assertThat(store.stats().frames()).isEqualTo(2);

    assertThat(store.rewind()).isEqualTo(2);
    stream.frames(1);
    assertThat(readAll(store)).isEqualTo(range(5, 8));
  }

  @Test
  void markSessionStartResendsThePartlySentFragmentWhole() throws Exception {
    ContentStore store = roomy(TrimPolicy.ON_PERSISTED);
    TestStream stream = new TestStream(store, 5, 100).start().frames(10);
    for (int i = 0; i < 7; i++) {
      read(store);
    }
    assertThat(store.markSessionStart()).isEqualTo(2);
    assertThat(read(store)).isEqualTo(5);
    assertThat(item.fragmentStart()).isTrue();
    assertThat(store.markSessionStart()).isEqualTo(1);
    read(store);
    read(store);
    read(store);
    read(store);
    read(store);
    assertThat(store.markSessionStart()).as("caught up with the open fragment").isEqualTo(5);
    readAll(store);
    stream.frames(1);
    assertThat(store.markSessionStart()).as("at the next fragment's start").isZero();
    assertThat(read(store)).isEqualTo(10);
  }

  @Test
  void markSessionStartMovesBackIntoAnOpenFragmentTheReaderCaughtUpWith() throws Exception {
    ContentStore store = roomy(TrimPolicy.ON_PERSISTED);
    TestStream stream = new TestStream(store, 5, 100).start().frames(3);
    readAll(store);
    assertThat(store.markSessionStart()).isEqualTo(3);
    stream.frames(1);
    assertThat(readAll(store)).isEqualTo(range(0, 4));
  }

  @Test
  void receivedTrimsUpToTheAcknowledgedFragmentWhenRetentionIsZero() throws Exception {
    ContentStore store = roomy(TrimPolicy.forRetentionHours(0));
    new TestStream(store, 5, 100).start().frames(20);
    readAll(store);
    assertThat(store.acknowledge(TestStream.timecode(5), AckKind.RECEIVED)).isTrue();

    StoreStats stats = store.stats();
    assertThat(stats.fragmentsTrimmed()).isEqualTo(2);
    assertThat(stats.framesTrimmed()).isEqualTo(10);
    assertThat(stats.frames()).isEqualTo(10);
    assertThat(stats.bytesStored()).isEqualTo(1000);
    assertThat(stats.framesEvicted()).isZero();
    assertThat(store.rewind()).isEqualTo(10);
    assertThat(read(store)).isEqualTo(10);
  }

  @Test
  void onlyPersistedTrimsWhenTheStreamRetainsMedia() throws Exception {
    ContentStore store = roomy(TrimPolicy.forRetentionHours(2));
    new TestStream(store, 5, 100).start().frames(20);
    readAll(store);
    assertThat(store.acknowledge(TestStream.timecode(10), AckKind.RECEIVED)).isTrue();
    assertThat(store.acknowledge(TestStream.timecode(10), AckKind.BUFFERING)).isTrue();
    assertThat(store.stats().frames()).isEqualTo(20);

    assertThat(store.acknowledge(TestStream.timecode(0), AckKind.PERSISTED)).isTrue();
    assertThat(store.stats().frames()).isEqualTo(15);
    assertThat(store.acknowledge(TestStream.timecode(10), AckKind.PERSISTED)).isTrue();
    assertThat(store.stats().frames()).isEqualTo(5);
    assertThat(store.stats().fragmentsTrimmed()).isEqualTo(3);
  }

  @Test
  void acknowledgementsForUnknownOrTrimmedFragmentsAreIgnoredAndCounted() throws Exception {
    ContentStore store = roomy(TrimPolicy.ON_PERSISTED);
    new TestStream(store, 5, 100).start().frames(20);
    readAll(store);
    assertThat(store.acknowledge(TestStream.timecode(5), AckKind.PERSISTED)).isTrue();

    assertThat(store.acknowledge(TestStream.timecode(0), AckKind.PERSISTED)).isFalse();
    assertThat(store.acknowledge(TestStream.timecode(11), AckKind.RECEIVED)).isFalse();
    assertThat(store.acknowledge(42, AckKind.BUFFERING)).isFalse();
    assertThat(store.stats().acksIgnored()).isEqualTo(3);
    assertThat(store.stats().frames()).isEqualTo(10);
    assertThat(store.stats().fragmentsTrimmed()).isEqualTo(2);
  }

  @Test
  void evictsWholeOldFragmentsForBytesAndCountsTheUnsentFramesExactly() throws Exception {
    ContentStore store = store(10_000, UNLIMITED_MILLIS, 100, TrimPolicy.ON_PERSISTED);
    TestStream stream = new TestStream(store, 4, 1000).start().frames(10);
    read(store);
    read(store);
    assertThat(store.stats().arenaBytesUsed()).isEqualTo(10_000);

    stream.frames(2); // frame 10 needs room: fragment 0 (frames 0..3) goes, 2 of them unsent

    StoreStats stats = store.stats();
    assertThat(stats.fragmentsEvicted()).isEqualTo(1);
    assertThat(stats.framesEvicted()).isEqualTo(4);
    assertThat(stats.framesEvictedUnsent()).isEqualTo(2);
    assertThat(stats.fragmentsEvictedUnsent()).isEqualTo(1);
    assertThat(stats.frames()).isEqualTo(8);
    assertThat(stats.bytesStored()).isEqualTo(8000);
    assertThat(readAll(store))
        .as("current moved to the next fragment start")
        .isEqualTo(range(4, 12));
  }

  @Test
  void evictsForDurationFromTheTail() throws Exception {
    ContentStore store = store(1 << 20, 1000, 1000, TrimPolicy.ON_PERSISTED);
    new TestStream(store, 10, 100).start().frames(30);

    StoreStats stats = store.stats();
    assertThat(stats.fragmentsEvicted()).isEqualTo(1);
    assertThat(stats.framesEvictedUnsent()).isEqualTo(10);
    assertThat(stats.bufferedDurationMillis()).isEqualTo(800);
    assertThat(readAll(store)).isEqualTo(range(10, 30));
  }

  @Test
  void evictsWhenFrameSlotsRunOut() throws Exception {
    ContentStore store = store(1 << 20, UNLIMITED_MILLIS, 25, TrimPolicy.ON_PERSISTED);
    new TestStream(store, 10, 100).start().frames(30);
    for (int i = 0; i < 3; i++) {
      read(store);
    }
    // Frame 25 evicted fragment 0 before anything was read: all of its 10 frames were unsent.
    StoreStats stats = store.stats();
    assertThat(stats.framesEvictedUnsent()).isEqualTo(10);
    assertThat(stats.frames()).isEqualTo(20);
    assertThat(item.sequence()).isEqualTo(12);
  }

  @Test
  void evictingSentFragmentsCountsNothingUnsentAndKeepsCurrent() throws Exception {
    ContentStore store = store(1 << 20, UNLIMITED_MILLIS, 10, TrimPolicy.ON_PERSISTED);
    TestStream stream = new TestStream(store, 5, 100).start().frames(10);
    for (int i = 0; i < 7; i++) {
      read(store);
    }
    stream.frames(1);
    assertThat(store.stats().framesEvicted()).isEqualTo(5);
    assertThat(store.stats().framesEvictedUnsent()).isZero();
    assertThat(readAll(store)).isEqualTo(range(7, 11));
  }

  @Test
  void theEvictionListenerSeesEveryEvictedFragmentWithItsBytesBeforeTheyAreOverwritten()
      throws Exception {
    List<Long> unsentSeen = new ArrayList<>();
    List<Long> sentSeen = new ArrayList<>();
    List<StreamHeader> headersSeen = new ArrayList<>();
    StoreItem frame = new StoreItem();
    EvictionListener listener =
        fragment -> {
          headersSeen.add(fragment.header());
          fragment.frame(0, frame);
          assertThat(frame.fragmentStart()).isTrue();
          assertThat(fragment.fragmentTimecodeMillis())
              .isEqualTo(TestStream.timecode(frame.sequence()));
          for (int i = 0; i < fragment.frameCount(); i++) {
            fragment.frame(i, frame);
            TestStream.assertFrameBytes(fragment.frameBytes(i), frame.sequence(), 1000);
            boolean unsent = i >= fragment.frameCount() - fragment.unsentFrames();
            (unsent ? unsentSeen : sentSeen).add(frame.sequence());
          }
        };
    ContentStore store =
        new ContentStore(
            new StoreLimits(10_000, UNLIMITED_MILLIS, 100), TrimPolicy.ON_PERSISTED, listener);
    TestStream stream = new TestStream(store, 4, 1000).start().frames(10);
    read(store);
    read(store);
    stream.frames(9); // evicts fragments 0 (2 sent, 2 unsent), 1 and 2 (unsent)

    assertThat(sentSeen).containsExactly(0L, 1L);
    assertThat(unsentSeen).isEqualTo(range(2, 12));
    assertThat(headersSeen).containsOnly(stream.header()).hasSize(3);
    assertThat(store.stats().framesEvictedUnsent()).isEqualTo(10);
    assertThat(readAll(store)).isEqualTo(range(12, 19));
  }

  @Test
  void theEvictionListenerKnowsWhichFragmentsWereReceivedButNotPersisted() throws Exception {
    List<Boolean> received = new ArrayList<>();
    ContentStore store =
        new ContentStore(
            new StoreLimits(10_000, UNLIMITED_MILLIS, 100),
            TrimPolicy.ON_PERSISTED,
            fragment -> received.add(fragment.received()));
    TestStream stream = new TestStream(store, 4, 1000).start().frames(8);
    readAll(store);
    store.acknowledge(TestStream.timecode(0), AckKind.RECEIVED);
    stream.frames(8);
    assertThat(received).containsExactly(true, false);
  }

  @Test
  void aListenerThatCallsBackIntoTheStoreIsStoppedAndTheStoreStaysConsistent() throws Exception {
    ContentStore[] self = new ContentStore[1];
    self[0] =
        new ContentStore(
            new StoreLimits(4000, UNLIMITED_MILLIS, 100),
            TrimPolicy.ON_PERSISTED,
            fragment -> self[0].rewind());
    new TestStream(self[0], 2, 1000).start().frames(6);
    StoreStats stats = self[0].stats();
    assertThat(stats.listenerFailures()).isEqualTo(1);
    assertThat(stats.framesEvicted()).isEqualTo(2);
    assertThat(readAll(self[0])).isEqualTo(range(2, 6));
  }

  @Test
  void aFrameLargerThanTheArenaIsRejectedWithTheRestOfItsFragment() throws Exception {
    ContentStore store = store(5000, UNLIMITED_MILLIS, 100, TrimPolicy.ON_PERSISTED);
    new TestStream(store, 4, s -> s == 5 ? 6000 : 500).start().frames(12);

    StoreStats stats = store.stats();
    assertThat(stats.oversizeFramesRejected()).isEqualTo(1);
    assertThat(stats.framesDropped()).as("frames 5, 6, 7").isEqualTo(3);
    assertThat(stats.framesEvicted()).isZero();
    assertThat(readAll(store)).containsExactly(0L, 1L, 2L, 3L, 4L, 8L, 9L, 10L, 11L);
  }

  @Test
  void aFragmentThatAloneFillsTheStoreKeepsItsFirstFramesAndDropsTheRest() throws Exception {
    ContentStore store = store(5000, UNLIMITED_MILLIS, 100, TrimPolicy.ON_PERSISTED);
    new TestStream(store, 20, 1000).start().frames(22);

    StoreStats stats = store.stats();
    assertThat(stats.framesDropped()).as("frames 5..19").isEqualTo(15);
    assertThat(stats.fragmentsEvicted())
        .as("the truncated fragment made room for the next")
        .isOne();
    assertThat(stats.framesEvictedUnsent()).isEqualTo(5);
    assertThat(readAll(store)).containsExactly(20L, 21L);
  }

  @Test
  void aFragmentLongerThanTheBufferDurationIsKeptWhole() throws Exception {
    ContentStore store = store(1 << 20, 200, 1000, TrimPolicy.ON_PERSISTED);
    new TestStream(store, 20, 100).start().frames(22);

    assertThat(store.stats().framesDropped()).isZero();
    assertThat(store.stats().framesEvictedUnsent()).isEqualTo(20);
    assertThat(readAll(store)).containsExactly(20L, 21L);
  }

  @Test
  void framesWithNoOpenFragmentAreDroppedAndCounted() throws Exception {
    ContentStore store = roomy(TrimPolicy.ON_PERSISTED);
    TestStream stream = new TestStream(store, 3, 100).start();
    stream.frame(false).frame(false).frames(4); // 0, 1 orphans; 2 is no start either
    assertThat(readAll(store)).containsExactly(3L, 4L, 5L);
    store.onEnd();
    stream.frame(false);
    stream.frame(true);
    assertThat(readAll(store)).containsExactly(7L);
    assertThat(store.stats().framesDropped()).isEqualTo(4);
  }

  @Test
  void eachItemCarriesTheHeaderItsFragmentWasPackagedWith() throws Exception {
    ContentStore store = roomy(TrimPolicy.ON_PERSISTED);
    TestStream stream = new TestStream(store, 3, 100).start().frames(4);
    StreamHeader first = stream.header();
    StreamHeader second = TestStream.header(2);
    stream.changeHeader(second);
    stream.frame(false); // not a fragment start after a new header: dropped
    stream.frame(true).frames(2);

    List<StreamHeader> headers = new ArrayList<>();
    List<Long> sequences = new ArrayList<>();
    while (store.next(item, dst.clear(), 0, SECONDS)) {
      headers.add(item.header());
      sequences.add(item.sequence());
    }
    assertThat(sequences).containsExactly(0L, 1L, 2L, 3L, 5L, 6L, 7L);
    assertThat(headers).containsExactly(first, first, first, first, second, second, second);
    assertThat(store.stats().framesDropped()).isEqualTo(1);
  }

  @Test
  void oldFragmentsGoWhenTheirHeaderFallsOutOfTheHeaderTable() throws Exception {
    ContentStore store = roomy(TrimPolicy.ON_PERSISTED);
    TestStream stream = new TestStream(store, 2, 100).start().frames(2);
    for (int id = 2; id <= HeaderTable.SIZE + 1; id++) {
      stream.changeHeader(TestStream.header(id)).frame(true);
    }
    assertThat(store.stats().fragmentsEvicted()).isOne();
    assertThat(store.peek(item, 0, SECONDS)).isTrue();
    assertThat(item.header().id()).isEqualTo(2);
    while (store.next(item, dst.clear(), 0, SECONDS)) {
      assertThat(item.header().id()).isEqualTo(item.sequence());
    }
  }

  @Test
  void aDestinationTooSmallIsRefusedWithoutTakingTheFrame() throws Exception {
    ContentStore store = roomy(TrimPolicy.ON_PERSISTED);
    new TestStream(store, 3, 100).start().frames(1);
    assertThatThrownBy(() -> store.next(item, ByteBuffer.allocate(99), 0, SECONDS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("100 bytes")
        .hasMessageContaining("99 remaining");
    assertThat(read(store)).isZero();
  }

  @Test
  void aWaitingReaderGetsTheFrameTheWriterAppends() throws Exception {
    ContentStore store = roomy(TrimPolicy.ON_PERSISTED);
    TestStream stream = new TestStream(store, 3, 100).start();
    CompletableFuture<Long> got = new CompletableFuture<>();
    Thread reader = waitingReader(store, got);
    stream.frames(1);
    assertThat(got.get(5, SECONDS)).isZero();
    reader.join(5000);
    assertThat(reader.isAlive()).isFalse();
  }

  @Test
  void closeWakesAWaitingReaderAndStopsTheStore() throws Exception {
    ContentStore store = roomy(TrimPolicy.ON_PERSISTED);
    TestStream stream = new TestStream(store, 3, 100).start();
    CompletableFuture<Long> got = new CompletableFuture<>();
    Thread reader = waitingReader(store, got);
    store.close();
    store.close();
    assertThat(got.get(5, SECONDS)).as("no frame").isEqualTo(-1);
    reader.join(5000);
    assertThat(reader.isAlive()).isFalse();
    assertThat(store.isClosed()).isTrue();
    stream.frames(1);
    assertThat(store.stats().framesDropped()).isOne();
    assertThat(store.next(item, dst, 0, MILLISECONDS)).isFalse();
  }

  /**
   * Starts a thread that waits (up to 30 s) for a frame and completes {@code got} with its
   * sequence, or -1; returns once the thread is parked in the store's wait.
   */
  private static Thread waitingReader(ContentStore store, CompletableFuture<Long> got)
      throws InterruptedException {
    Thread reader =
        new Thread(
            () -> {
              StoreItem it = new StoreItem();
              try {
                got.complete(
                    store.next(it, ByteBuffer.allocate(100), 30, SECONDS) ? it.sequence() : -1);
              } catch (InterruptedException | RuntimeException e) {
                got.completeExceptionally(e);
              }
            },
            "store-reader");
    reader.start();
    while (reader.getState() != Thread.State.TIMED_WAITING) {
      Thread.sleep(1);
    }
    return reader;
  }
}
