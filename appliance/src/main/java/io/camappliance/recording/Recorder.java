package io.camappliance.recording;

import io.camappliance.media.PackagedFrame;
import io.camappliance.media.PackagedSink;
import io.camappliance.media.StreamHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the packaged stream to segment files on local disk.
 *
 * <p>The packager thread only copies each frame into a preallocated {@link FrameRing} and returns;
 * it never blocks on the disk. When the ring is full the frame is dropped, and so is the rest of
 * its fragment (a fragment missing a frame in the middle would not decode), counted as {@code
 * droppedHandoffFull}. The writer thread owns the files:
 *
 * <ul>
 *   <li>A segment {@code seg-<ms>.mkv} starts with the current stream header; fragments follow as
 *       their frames arrive. It rotates at a fragment start when the segment duration is reached or
 *       the frames carry a different stream header (a format change).
 *   <li>When a fragment completes (the next fragment starts, a new header arrives, or the stream
 *       ends; the latter two pass through the ring as markers so they stay in order with the
 *       frames) the data is forced, then its record is appended to {@code seg-<ms>.idx} and forced.
 *   <li>Retention and the size cap are applied at fragment starts ({@link RetentionEnforcer}), so
 *       the cap can be overshot by at most one fragment.
 *   <li>A full or unwritable directory never throws to the caller: the status says what is wrong
 *       and which directory, frames are dropped and counted, and the directory is tried again at
 *       the first fragment start after {@code retryInterval}.
 * </ul>
 *
 * At start-up the writer runs {@link RecordingRecovery} and always begins a new segment.
 */
public final class Recorder implements PackagedSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
  private static final long SWEEP_INTERVAL_MILLIS = 1000;
  private static final long IDLE_PARK_NANOS = 20_000_000;

  private final RecordingSettings settings;
  private final Path dir;
  private final Clock clock;
  private final Consumer<RecordedFragment> onFragmentRecorded;
  private final FrameRing ring;
  private final RecordingIndex index;
  private final RetentionEnforcer retention;
  private final Thread writer;

  // packager thread
  private StreamHeader latestHeader;
  private boolean producerDropping;
  private volatile long droppedHandoffFull;

  private volatile boolean endRequested;
  private volatile boolean closing;
  private volatile boolean closed;

  // writer thread (published through volatile fields for status)
  private volatile RecordingState state = RecordingState.RECORDING;
  private volatile String message = "";
  private volatile long framesWritten;
  private volatile long fragmentsWritten;
  private volatile long droppedDenied;
  private volatile long droppedWriteError;
  private boolean directoryReady;
  private SegmentWriter segment;
  private boolean writingFragment;
  private RecordingState dropReason = RecordingState.RECORDING;
  private long nextRetryMillis;
  private long nextSweepMillis;

  private Recorder(
      RecordingSettings settings, Clock clock, Consumer<RecordedFragment> onFragmentRecorded) {
    this.settings = settings;
    this.dir = settings.directory();
    this.clock = clock;
    this.onFragmentRecorded = onFragmentRecorded;
    this.ring = new FrameRing(settings.handoffBytes(), settings.handoffFrames());
    this.index = new RecordingIndex(dir);
    this.retention = new RetentionEnforcer(index, settings);
    this.writer = new Thread(this::run, "recording-writer");
    this.writer.setDaemon(true);
  }

  /** Starts recording into {@code settings.directory()} (recovering it first). */
  public static Recorder start(RecordingSettings settings) {
    return start(settings, Clock.systemUTC(), f -> {});
  }

  /**
   * Starts recording with the given clock (for retention and retries) and a callback, run on the
   * writer thread once each fragment is durable (data and index forced).
   */
  public static Recorder start(
      RecordingSettings settings, Clock clock, Consumer<RecordedFragment> onFragmentRecorded) {
    Recorder r = new Recorder(settings, clock, onFragmentRecorded);
    r.prepareDirectory();
    r.writer.start();
    return r;
  }

  /** The fragments on disk; shared, kept current by the writer. */
  public RecordingIndex index() {
    return index;
  }

  public RecordingStatus status() {
    return new RecordingStatus(
        closed ? RecordingState.STOPPED : state,
        message,
        framesWritten,
        fragmentsWritten,
        droppedHandoffFull,
        droppedDenied,
        droppedWriteError,
        index.segmentCount(),
        index.totalBytes());
  }

  @Override
  public void onHeader(StreamHeader header) {
    latestHeader = header;
    if (ring.offerBoundary()) {
      LockSupport.unpark(writer);
    }
  }

  @Override
  public void onFrame(PackagedFrame frame) {
    StreamHeader h = frame.header() != null ? frame.header() : latestHeader;
    if (h == null || (producerDropping && !frame.fragmentStart())) {
      droppedHandoffFull++;
      return;
    }
    if (ring.offer(frame, h)) {
      producerDropping = false;
      LockSupport.unpark(writer);
    } else {
      producerDropping = true;
      droppedHandoffFull++;
    }
  }

  @Override
  public void onEnd() {
    if (!ring.offerBoundary()) {
      endRequested = true; // the ring is full: complete the fragment once it has drained
    }
    LockSupport.unpark(writer);
  }

  /** Writes what is queued, completes the open fragment, closes the files. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closing = true;
    LockSupport.unpark(writer);
    boolean interrupted = false;
    while (writer.isAlive()) {
      try {
        writer.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    closed = true;
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits until every frame handed over so far is processed (for tests). */
  boolean awaitDrained(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!ring.isEmpty() || endRequested) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      LockSupport.parkNanos(1_000_000);
    }
    return true;
  }

  private void run() {
    ByteBuffer[] views = ring.newViews();
    while (true) {
      if (!ring.isEmpty()) {
        try {
          handle(ring.peek(), views);
        } catch (RuntimeException bug) {
          // keep the writer alive: a dead writer would silently drop everything from now on
          LOG.error("recording writer failed on a frame; the fragment is abandoned", bug);
          if (segment != null) {
            segment.abandon();
            segment = null;
          }
          writingFragment = false;
        }
        ring.release();
        continue;
      }
      if (endRequested) {
        completeFragment();
        endRequested = false;
        continue;
      }
      if (closing) {
        break;
      }
      sweepIfDue();
      LockSupport.parkNanos(IDLE_PARK_NANOS);
    }
    completeFragment();
    closeSegment();
  }

  private void handle(int s, ByteBuffer[] views) {
    if (ring.boundary(s)) {
      completeFragment();
      writingFragment = false;
      return;
    }
    if (ring.fragmentStart(s)) {
      completeFragment();
      writingFragment = admit(ring.header(s), ring.fragmentTimecode(s));
      if (writingFragment) {
        segment.beginFragment(ring.fragmentTimecode(s));
      }
    }
    if (!writingFragment) {
      countDrop();
      return;
    }
    ring.slices(s, views);
    try {
      segment.append(views[0], views[1], ring.timecode(s), ring.duration(s), ring.sequence(s));
      framesWritten++;
    } catch (IOException e) {
      fail(e);
      countDrop();
    }
  }

  /** Decides at a fragment start whether the fragment is written, opening a segment if needed. */
  private boolean admit(StreamHeader header, long fragmentTimecode) {
    long now = clock.millis();
    boolean failed = state == RecordingState.DISK_FULL || state == RecordingState.UNWRITABLE;
    if (failed && now < nextRetryMillis) {
      dropReason = state;
      return false;
    }
    try {
      if (!directoryReady) {
        openDirectory();
      }
      SegmentName open = segment == null ? null : segment.name;
      retention.deleteExpired(now, open);
      if (!retention.fits(0)) {
        if (settings.strategyOnFullSize() == StrategyOnFullSize.DENY_NEW_MEDIA) {
          setState(
              RecordingState.DENIED_FULL,
              "local media in "
                  + dir
                  + " reached its size cap of "
                  + settings.maxLocalMediaSizeBytes()
                  + " bytes and StrategyOnFullSize is DENY_NEW_MEDIA: new media is dropped until"
                  + " retention frees space; raise MaxLocalMediaSizeInMB or use"
                  + " DELETE_OLDEST_MEDIA");
          dropReason = RecordingState.DENIED_FULL;
          closeSegment(); // so retention may free it like any other segment
          return false;
        }
        if (!retention.makeRoom(0, open)) {
          closeSegment(); // the open segment alone is over the cap: it becomes the oldest
          retention.makeRoom(0, null);
        }
      }
      boolean rotate =
          segment == null
              || segment.header.id() != header.id()
              || fragmentTimecode < segment.firstTimecode()
              || fragmentTimecode - segment.firstTimecode()
                  >= settings.segmentDuration().toMillis();
      if (rotate) {
        closeSegment();
        segment = SegmentWriter.create(dir, header, fragmentTimecode, settings.fsyncPerFragment());
        index.addSegment(
            segment.name, header.bytes().length, segment.dataBytes(), segment.indexBytes());
      }
      setState(RecordingState.RECORDING, "");
      return true;
    } catch (IOException e) {
      fail(e);
      return false;
    }
  }

  private void completeFragment() {
    if (segment == null || !segment.inFragment()) {
      return;
    }
    try {
      IndexRecord r = segment.completeFragment();
      if (r == null) {
        return;
      }
      index.addFragment(segment.name, r, segment.dataBytes(), segment.indexBytes());
      fragmentsWritten++;
      notifyRecorded(
          new RecordedFragment(
              segment.data,
              segment.header.bytes().length,
              r.offset(),
              r.length(),
              r.timecodeMillis(),
              r.durationMillis(),
              r.frameCount(),
              r.firstSequence(),
              r.lastSequence()));
    } catch (IOException e) {
      fail(e);
    }
  }

  private void notifyRecorded(RecordedFragment f) {
    try {
      onFragmentRecorded.accept(f);
    } catch (RuntimeException e) {
      LOG.warn("fragment listener failed for fragment at {}", f.timecodeMillis(), e);
    }
  }

  private void closeSegment() {
    if (segment == null) {
      return;
    }
    try {
      segment.close();
      index.updateBytes(segment.name, segment.dataBytes(), segment.indexBytes());
    } catch (IOException e) {
      fail(e);
    }
    segment = null;
  }

  private void openDirectory() throws IOException {
    Files.createDirectories(dir);
    if (!Files.isDirectory(dir)) {
      throw new NotDirectoryException(dir.toString());
    }
    RecordingRecovery.recover(dir);
    index.reload();
    directoryReady = true;
  }

  /** Tries the directory once at start so the status is right before the first frame. */
  private void prepareDirectory() {
    try {
      openDirectory();
    } catch (IOException e) {
      fail(e);
    }
  }

  private void sweepIfDue() {
    long now = clock.millis();
    if (!directoryReady || now < nextSweepMillis) {
      return;
    }
    nextSweepMillis = now + SWEEP_INTERVAL_MILLIS;
    try {
      retention.deleteExpired(now, segment == null ? null : segment.name);
    } catch (IOException e) {
      fail(e);
    }
  }

  /**
   * Classifies a file system error once: no space left is DISK_FULL, anything else (not a
   * directory, permission denied, read-only file system) is UNWRITABLE; both retry later.
   */
  private void fail(IOException e) {
    String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
    long retrySeconds = settings.retryInterval().toSeconds();
    if (String.valueOf(e.getMessage()).contains("No space left")) {
      setState(
          RecordingState.DISK_FULL,
          "recording directory "
              + dir
              + " is on a full file system ("
              + reason
              + "): free space or lower MaxLocalMediaSizeInMB; retrying every "
              + retrySeconds
              + " s");
    } else {
      setState(
          RecordingState.UNWRITABLE,
          "recording directory "
              + dir
              + " cannot be written ("
              + reason
              + "): make it a directory the service user can write, or change the recording"
              + " directory; retrying every "
              + retrySeconds
              + " s");
    }
    nextRetryMillis = clock.millis() + settings.retryInterval().toMillis();
    dropReason = state;
    writingFragment = false;
    if (segment != null) {
      segment.abandon();
      index.updateBytes(segment.name, segment.dataBytes(), segment.indexBytes());
      segment = null;
    }
    directoryReady = directoryReady && Files.isDirectory(dir);
  }

  private void setState(RecordingState s, String m) {
    state = s;
    message = m;
  }

  private void countDrop() {
    if (dropReason == RecordingState.DENIED_FULL) {
      droppedDenied++;
    } else {
      droppedWriteError++;
    }
  }
}
