package io.camappliance.store;

import io.camappliance.media.PackagedFrame;
import io.camappliance.media.PackagedSink;
import io.camappliance.media.StreamHeader;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The content store and content view of the KVS producer SDK (KVS PutMedia reference, "Content
 * store and content view", "Reconnect and replay"): a bounded ring of packaged frames grouped in
 * fragments, filled by the MKV packager and drained by the PutMedia uploader.
 *
 * <p>Three cursors over the frame indices, as in the SDK:
 *
 * <pre>
 *   tail                 current                  head
 *    |  sent, not trimmed   |    not sent yet       |
 *    [F0 f f f][F1 f f f f][F2 f f][F3 f f f f f f f]   F = fragment start
 *    oldest kept            next to send            where the next frame goes
 * </pre>
 *
 * <ul>
 *   <li><b>Appending</b> ({@link PackagedSink}, the writer thread): the frame's bytes are copied
 *       into one preallocated byte arena used as a ring; its metadata goes to preallocated parallel
 *       arrays. When the frame needs room (arena bytes, frame slots, or {@link
 *       StoreLimits#maxDurationMillis()}), whole fragments are evicted from the tail (buffer
 *       pressure). Frames evicted before they were sent are counted, and current moves to the next
 *       fragment start. Nothing is allocated per frame.
 *   <li><b>Reading</b> (the uploader thread): {@link #next} copies the frame at current under the
 *       lock, so a concurrent eviction can never change bytes being sent, and advances current.
 *       {@link #peek} shows the next frame without taking it, so the uploader can see that it opens
 *       a fragment and which header it needs before opening a session.
 *   <li><b>Acknowledging</b>: {@link #acknowledge} trims every fragment up to the acknowledged one
 *       when the {@link TrimPolicy} says so; {@link #rewind} moves current back to the first
 *       fragment not acknowledged RECEIVED (reconnect replay; a fully received fragment is not sent
 *       again, as in the SDK).
 * </ul>
 *
 * <p>Rules for fragments that cannot be stored whole:
 *
 * <ul>
 *   <li>The fragment being written is never evicted. If the arena or the frame slots hold nothing
 *       else and the next frame still does not fit, that frame and the rest of its fragment are
 *       dropped (counted in {@code framesDropped}): the part already stored is a decodable start of
 *       the GOP, a fragment with a hole in the middle would not be.
 *   <li>The duration limit never drops frames of the fragment being written; a fragment longer than
 *       the whole buffer duration stays whole (bytes and slots still bound the memory).
 *   <li>A frame larger than the arena is rejected and counted ({@code oversizeFramesRejected}), and
 *       so is the rest of its fragment.
 *   <li>Frames that arrive with no fragment open (before the first fragment start, after a new
 *       header, after {@code onEnd}) are dropped and counted.
 * </ul>
 *
 * <p>Threads: one writer, one reader, statistics from any thread, all under one {@link
 * ReentrantLock} with no other lock taken inside it. The {@link EvictionListener} runs on the
 * writer thread under that lock (the evicted bytes stay intact during the call) and must not call
 * back into the store. Operations are O(1), except eviction and trimming (O(frames removed)) and
 * acknowledgement lookup (O(fragments buffered), which the trimming that follows usually repays).
 */
public final class ContentStore implements PackagedSink, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ContentStore.class);

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition frameStored = lock.newCondition();
  private final StoreLimits limits;
  private final TrimPolicy trimPolicy;
  private final EvictionListener listener;
  private final ByteArena arena;
  private final FrameTable frames;
  private final FragmentTable fragmentTable;
  private final HeaderTable headers = new HeaderTable();
  private final EvictedFragment evicted;

  private long tail;
  private long current;
  private long head;
  private long fragmentTail;
  private long fragmentHead;

  /** Fragments below this number were acknowledged RECEIVED or PERSISTED. */
  private long receivedUpTo;

  /** The newest fragment may still grow: the writer has not started another one. */
  private boolean fragmentOpen;

  /** Frames are dropped until the next fragment start. */
  private boolean dropping = true;

  private boolean closed;
  private boolean notifying;
  private long bytesStored;

  private long framesAppended;
  private long framesRead;
  private long framesEvicted;
  private long framesEvictedUnsent;
  private long fragmentsEvicted;
  private long fragmentsEvictedUnsent;
  private long framesTrimmed;
  private long fragmentsTrimmed;
  private long framesDropped;
  private long oversizeFramesRejected;
  private long acksIgnored;
  private long rewinds;
  private long listenerFailures;

  /**
   * @param listener told about fragments evicted under buffer pressure; null for none
   */
  public ContentStore(StoreLimits limits, TrimPolicy trimPolicy, EvictionListener listener) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.trimPolicy = Objects.requireNonNull(trimPolicy, "trimPolicy");
    this.listener = listener;
    this.arena = new ByteArena((int) limits.maxBytes());
    this.frames = new FrameTable(limits.maxFrames());
    this.fragmentTable = new FragmentTable(limits.maxFrames());
    this.evicted = new EvictedFragment(frames, headers, arena);
  }

  // ---- writer side (PackagedSink) ----

  @Override
  public void onHeader(StreamHeader header) {
    Objects.requireNonNull(header, "header");
    lock.lock();
    try {
      checkNotNotifying();
      if (closed) {
        return;
      }
      fragmentOpen = false;
      dropping = true;
      addHeader(header);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void onFrame(PackagedFrame frame) {
    lock.lock();
    try {
      checkNotNotifying();
      append(frame);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void onEnd() {
    lock.lock();
    try {
      checkNotNotifying();
      fragmentOpen = false;
      dropping = true;
    } finally {
      lock.unlock();
    }
  }

  private void append(PackagedFrame frame) {
    if (closed) {
      framesDropped++;
      return;
    }
    if (frame.fragmentStart()) {
      fragmentOpen = false;
      dropping = false;
      StreamHeader header = frame.header();
      if (header != null && header != headers.get(headers.newest())) {
        addHeader(header);
      }
      if (headers.newest() < 0) {
        drop();
        return;
      }
    } else if (dropping || !fragmentOpen) {
      framesDropped++;
      return;
    }
    ByteBuffer src = frame.bytes();
    int length = src.remaining();
    if (length == 0 || length > arena.capacity()) {
      if (length > 0) {
        oversizeFramesRejected++;
      }
      drop();
      return;
    }
    int offset = makeRoom(length, frame.timecodeMillis() + frame.durationMillis());
    if (offset < 0) {
      drop();
      return;
    }
    if (frame.fragmentStart()) {
      fragmentTable.put(fragmentHead, head, frame.fragmentTimecodeMillis());
      fragmentHead++;
      fragmentOpen = true;
    }
    src.get(src.position(), arena.bytes, offset, length);
    frames.put(head, offset, length, frame, fragmentHead - 1, headers.newest());
    bytesStored += length;
    head++;
    framesAppended++;
    frameStored.signal();
  }

  /** Drops the frame being appended and the rest of its fragment. */
  private void drop() {
    framesDropped++;
    dropping = true;
    fragmentOpen = false;
  }

  /**
   * Evicts tail fragments until a frame of {@code length} bytes ending at {@code endMillis} fits.
   *
   * @return the arena offset for the frame, or -1 when only the open fragment is left and the frame
   *     still does not fit
   */
  private int makeRoom(int length, long endMillis) {
    while (true) {
      boolean empty = head == tail;
      boolean slotFree = head - tail < limits.maxFrames();
      boolean canEvict = !empty && !(fragmentOpen && fragmentTail == fragmentHead - 1);
      boolean tooLong = !empty && endMillis - frames.timecode(tail) > limits.maxDurationMillis();
      if (slotFree && !(tooLong && canEvict)) {
        int offset = arena.allocate(length, empty ? 0 : frames.offset(tail), empty);
        if (offset >= 0) {
          return offset;
        }
      }
      if (!canEvict) {
        return -1;
      }
      removeTailFragment(false);
    }
  }

  private void addHeader(StreamHeader header) {
    long number = headers.nextNumber();
    while (head > tail && number - frames.headerNumber(tail) >= HeaderTable.SIZE) {
      removeTailFragment(false);
    }
    headers.add(header);
  }

  /**
   * Removes the tail fragment: trimmed after an acknowledgement, or evicted under buffer pressure
   * (counted, and shown to the listener first).
   */
  private void removeTailFragment(boolean trimmed) {
    long fragment = fragmentTail;
    long start = tail;
    long end = fragment + 1 < fragmentHead ? fragmentTable.firstFrame(fragment + 1) : head;
    long unsent = current < end ? end - current : 0;
    if (!trimmed) {
      if (listener != null) {
        notifyListener(fragment, start, end, unsent);
      }
      framesEvicted += end - start;
      fragmentsEvicted++;
      if (unsent > 0) {
        framesEvictedUnsent += unsent;
        fragmentsEvictedUnsent++;
      }
    } else {
      framesTrimmed += end - start;
      fragmentsTrimmed++;
    }
    for (long i = start; i < end; i++) {
      bytesStored -= frames.length(i);
    }
    if (unsent > 0) {
      current = end;
    }
    tail = end;
    fragmentTail++;
    if (fragmentTail == fragmentHead) {
      fragmentOpen = false;
    }
  }

  private void notifyListener(long fragment, long start, long end, long unsent) {
    evicted.set(start, end, unsent, fragmentTable.timecode(fragment), fragment < receivedUpTo);
    notifying = true;
    try {
      listener.onFragmentEvicted(evicted);
    } catch (RuntimeException e) {
      listenerFailures++;
      log.warn("Eviction listener failed on fragment {}", fragmentTable.timecode(fragment), e);
    } finally {
      notifying = false;
    }
  }

  // ---- reader side (the uploader) ----

  /**
   * Takes the frame at current: waits up to {@code timeout} for one, copies its bytes into {@code
   * dst} (at its position, which advances), fills {@code into} and advances current.
   *
   * @return false when no frame came within the timeout or the store is closed
   * @throws IllegalArgumentException when {@code dst} has less room than the frame (see {@link
   *     #peek}); nothing is taken
   */
  public boolean next(StoreItem into, ByteBuffer dst, long timeout, TimeUnit unit)
      throws InterruptedException {
    lock.lockInterruptibly();
    try {
      checkNotNotifying();
      if (!awaitFrame(unit.toNanos(timeout))) {
        return false;
      }
      int length = frames.length(current);
      if (dst.remaining() < length) {
        throw new IllegalArgumentException(
            "frame "
                + current
                + " has "
                + length
                + " bytes, the destination only "
                + dst.remaining()
                + " remaining");
      }
      dst.put(arena.bytes, frames.offset(current), length);
      read(current, into);
      current++;
      framesRead++;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Shows the frame at current without taking it: waits up to {@code timeout} for one and fills
   * {@code into} (its length tells how much room {@link #next} needs). The writer may evict the
   * frame before {@code next} takes it; the item {@code next} fills is the one that counts.
   *
   * @return false when no frame came within the timeout or the store is closed
   */
  public boolean peek(StoreItem into, long timeout, TimeUnit unit) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      checkNotNotifying();
      if (!awaitFrame(unit.toNanos(timeout))) {
        return false;
      }
      read(current, into);
      return true;
    } finally {
      lock.unlock();
    }
  }

  private boolean awaitFrame(long nanos) throws InterruptedException {
    while (current >= head && !closed) {
      if (nanos <= 0) {
        return false;
      }
      nanos = frameStored.awaitNanos(nanos);
    }
    return !closed;
  }

  private void read(long index, StoreItem into) {
    frames.read(index, into, headers.get(frames.headerNumber(index)));
  }

  /**
   * Reconnect replay: moves current back to the start of the first buffered fragment not
   * acknowledged RECEIVED or PERSISTED (never behind the tail), and in any case to the start of the
   * fragment it points into, so the next frame read opens a fragment.
   *
   * @return how many frames current moved back
   */
  public long rewind() {
    lock.lock();
    try {
      checkNotNotifying();
      long target = tail;
      if (receivedUpTo > fragmentTail) {
        target = receivedUpTo < fragmentHead ? fragmentTable.firstFrame(receivedUpTo) : head;
      }
      long before = current;
      if (target < current) {
        current = target;
      }
      alignToFragmentStart();
      if (current < before) {
        rewinds++;
      }
      return before - current;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Prepares a new session: if current points into a fragment (part of it was sent, or the reader
   * caught up with a fragment still being written), moves current back to that fragment's start so
   * the session's first frame opens a fragment; the partly sent fragment is sent again whole.
   * Rotating sessions without resending anything needs no call: end the old session when {@link
   * #peek} shows a fragment start.
   *
   * @return how many frames current moved back
   */
  public long markSessionStart() {
    lock.lock();
    try {
      checkNotNotifying();
      long before = current;
      alignToFragmentStart();
      return before - current;
    } finally {
      lock.unlock();
    }
  }

  private void alignToFragmentStart() {
    long fragment;
    if (current < head) {
      if (frames.fragmentStart(current)) {
        return;
      }
      fragment = frames.fragment(current);
    } else if (fragmentOpen) {
      fragment = fragmentHead - 1;
    } else {
      return;
    }
    current = fragmentTable.firstFrame(fragment);
  }

  /**
   * Applies a fragment acknowledgement from the service. RECEIVED and PERSISTED mark the fragment
   * (and the ones before it) as received, so {@link #rewind} will not resend them; when the trim
   * policy allows, every fragment up to and including it is dropped. The fragment being written is
   * never dropped. BUFFERING changes nothing.
   *
   * @param fragmentTimecodeMillis the acknowledgement's FragmentTimecode (the Cluster timecode,
   *     epoch milliseconds with ABSOLUTE timecodes and a 1 ms TimecodeScale)
   * @return true when the timecode names a buffered fragment; false (and counted) otherwise
   */
  public boolean acknowledge(long fragmentTimecodeMillis, AckKind kind) {
    Objects.requireNonNull(kind, "kind");
    lock.lock();
    try {
      checkNotNotifying();
      long fragment =
          kind == AckKind.BUFFERING
              ? findNewestFirst(fragmentTimecodeMillis)
              : findOldestFirst(fragmentTimecodeMillis);
      if (fragment < 0) {
        acksIgnored++;
        return false;
      }
      if (kind == AckKind.BUFFERING) {
        return true;
      }
      if (fragment >= receivedUpTo) {
        receivedUpTo = fragment + 1;
      }
      if (trimPolicy.trimsOn(kind)) {
        long last = fragmentOpen && fragment == fragmentHead - 1 ? fragment - 1 : fragment;
        while (fragmentTail <= last) {
          removeTailFragment(true);
        }
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  private long findOldestFirst(long timecode) {
    for (long f = fragmentTail; f < fragmentHead; f++) {
      if (fragmentTable.timecode(f) == timecode) {
        return f;
      }
    }
    return -1;
  }

  private long findNewestFirst(long timecode) {
    for (long f = fragmentHead - 1; f >= fragmentTail; f--) {
      if (fragmentTable.timecode(f) == timecode) {
        return f;
      }
    }
    return -1;
  }

  // ---- state ----

  /**
   * Media not sent yet, from current to the end of the newest frame: the producer SDK's current
   * view duration, which its latency pressure check compares with max_latency.
   */
  public long unsentDurationMillis() {
    lock.lock();
    try {
      return current < head ? frames.end(head - 1) - frames.timecode(current) : 0;
    } finally {
      lock.unlock();
    }
  }

  /** Media buffered, from the tail to the end of the newest frame (the overall view duration). */
  public long bufferedDurationMillis() {
    lock.lock();
    try {
      return bufferedDuration();
    } finally {
      lock.unlock();
    }
  }

  private long bufferedDuration() {
    return head > tail ? frames.end(head - 1) - frames.timecode(tail) : 0;
  }

  public StoreStats stats() {
    lock.lock();
    try {
      boolean empty = head == tail;
      return new StoreStats(
          head - tail,
          fragmentHead - fragmentTail,
          head - current,
          bytesStored,
          arena.used(empty ? 0 : frames.offset(tail), empty),
          arena.capacity(),
          bufferedDuration(),
          current < head ? frames.end(head - 1) - frames.timecode(current) : 0,
          framesAppended,
          framesRead,
          framesEvicted,
          framesEvictedUnsent,
          fragmentsEvicted,
          fragmentsEvictedUnsent,
          framesTrimmed,
          fragmentsTrimmed,
          framesDropped,
          oversizeFramesRejected,
          acksIgnored,
          arena.skippedTotal(),
          rewinds,
          listenerFailures);
    } finally {
      lock.unlock();
    }
  }

  public StoreLimits limits() {
    return limits;
  }

  public boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  /** Stops the store: waiting readers return false, later frames are dropped. Idempotent. */
  @Override
  public void close() {
    lock.lock();
    try {
      checkNotNotifying();
      closed = true;
      frameStored.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void checkNotNotifying() {
    if (notifying) {
      throw new IllegalStateException("the eviction listener must not call back into the store");
    }
  }
}
