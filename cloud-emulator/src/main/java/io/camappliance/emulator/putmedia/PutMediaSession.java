package io.camappliance.emulator.putmedia;

import com.amazonaws.kinesisvideo.parser.mkv.MkvDataElement;
import com.amazonaws.kinesisvideo.parser.mkv.MkvElement;
import com.amazonaws.kinesisvideo.parser.mkv.MkvElementVisitException;
import com.amazonaws.kinesisvideo.parser.mkv.MkvEndMasterElement;
import com.amazonaws.kinesisvideo.parser.mkv.MkvStartMasterElement;
import com.amazonaws.kinesisvideo.parser.mkv.StreamingMkvReader;
import io.camappliance.emulator.media.FragmentFacts;
import io.camappliance.emulator.media.FragmentStore;
import io.camappliance.emulator.streams.StreamInfo;
import io.camappliance.emulator.streams.StreamLookup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PutMedia connection after its 200: parses the body with the KVS parser library as it arrives,
 * turns each Cluster into a stored fragment, and answers BUFFERING, RECEIVED, PERSISTED and ERROR
 * ACKs as kvs-putmedia.md §5/§6.1 say. The request thread owns the parse state; the emulator's
 * timer thread calls {@link #tick} for IDLE ACKs, the idle close, the connection age limit and the
 * end of a superseded connection.
 *
 * <p>Fragment layout (kvs-data-model §1): EBML header, Segment (unknown size), Info, Tracks, then
 * per fragment optional Tags followed by one Cluster. The stored chunk is the header bytes of this
 * session + the Tags + the Cluster, Segment and Cluster sizes written as unknown.
 */
final class PutMediaSession {
  private static final Logger log = LoggerFactory.getLogger(PutMediaSession.class);
  private static final int EBML = 0x1A45DFA3;
  private static final int SEGMENT = 0x18538067;
  private static final int TIMECODE_SCALE = 0x2AD7B1;
  private static final int TRACKS = 0x1654AE6B;
  private static final int TRACK_NUMBER = 0xD7;
  private static final int CLUSTER = 0x1F43B675;
  private static final int TIMECODE = 0xE7;
  private static final int SIMPLE_BLOCK = 0xA3;
  private static final int BLOCK = 0xA1;
  private static final int TAGS = 0x1254C367;
  private static final int SIMPLE_TAG = 0x67C8;
  private static final int TAG_NAME = 0x45A3;
  private static final int TAG_STRING = 0x4487;
  private static final int MAX_TRACKS = 3;
  private static final Duration ERROR_DRAIN = Duration.ofSeconds(1);

  /** Ends the session: with an ERROR ACK, or quietly when {@code ack} is null. */
  private static final class Stop extends Exception {
    final Ack ack;

    Stop(Ack ack, String reason) {
      super(reason);
      this.ack = ack;
    }
  }

  /** What a session needs from the connection it runs on. */
  interface Connection {
    /** Closes the socket at once; a blocked body read then fails. */
    void abort();
  }

  private final PutMediaHeaders headers;
  private final StreamInfo stream;
  private final PutMediaSettings limits;
  private final Duration maxConnectionDuration;
  private final StreamLookup streams;
  private final FragmentStore store;
  private final PersistGate gate;
  private final PutMediaFaults faults;
  private final AckChannel acks;
  private final Connection connection;
  private final long openedNanos = System.nanoTime();

  private volatile long lastDataNanos = openedNanos;
  private volatile long lastIdleAckNanos = openedNanos;
  private volatile long supersededAtNanos = -1;
  private volatile boolean stoppedByTimer;
  private volatile boolean ended;
  private volatile String activeNumber = "";
  private volatile long activeTimecode = -1;
  private final Object persistLock = new Object();
  private int outstandingPersists;

  // Parse state, owned by the request thread.
  private final ChunkParts chunk;
  private final FragmentTags tags = new FragmentTags();
  private final Set<Long> trackNumbers = new HashSet<>();
  private final ArrayDeque<Long> recentClusterStarts = new ArrayDeque<>();
  private boolean ebmlSeen;
  private boolean segmentSeen;
  private boolean draining;
  private long timecodeScaleNanos = 1_000_000;
  private int trackEntries;
  private long previousLastFrameNanos = Long.MIN_VALUE;
  private FragmentInProgress current;

  PutMediaSession(
      PutMediaHeaders headers,
      StreamInfo stream,
      PutMediaSettings limits,
      Duration maxConnectionDuration,
      StreamLookup streams,
      FragmentStore store,
      PersistGate gate,
      PutMediaFaults faults,
      AckChannel acks,
      Connection connection) {
    this.headers = headers;
    this.stream = stream;
    this.limits = limits;
    this.maxConnectionDuration = maxConnectionDuration;
    this.streams = streams;
    this.store = store;
    this.gate = gate;
    this.faults = faults;
    this.acks = acks;
    this.connection = connection;
    this.chunk = new ChunkParts(limits.maxFragmentBytes());
  }

  String streamName() {
    return stream.streamName();
  }

  boolean isEnded() {
    return ended;
  }

  /** A newer connection for the same stream opened; this one winds down after the grace. */
  void supersede() {
    supersededAtNanos = System.nanoTime();
  }

  /** Reads the body to its end (or an error) on the calling request thread. */
  void run(InputStream in) {
    BodyByteSource source =
        new BodyByteSource(
            in,
            new EbmlGuard(limits.maxElementBytes()),
            limits.maxBytesPerSecond(),
            faults.cutAfterBytes(),
            () -> lastDataNanos = System.nanoTime());
    try {
      parse(source);
      awaitPersists();
      acks.awaitDelayed(limits.idleTimeout().toMillis());
      acks.close();
    } catch (Stop s) {
      discardCurrent();
      if (s.ack != null) {
        log.info(
            "PutMedia {}: ERROR {} ({})", stream.streamName(), s.ack.errorId(), s.getMessage());
        acks.send(s.ack);
      }
      acks.awaitDelayed(limits.idleTimeout().toMillis());
      acks.close();
      drain(in);
    } catch (BodyByteSource.CutException cut) {
      log.info("PutMedia {}: {}", stream.streamName(), cut.getMessage());
      discardCurrent();
      connection.abort();
    } catch (IOException gone) {
      // The producer went away, or the timer ended the session and closed the socket.
      discardCurrent();
      acks.close();
    } finally {
      ended = true;
    }
  }

  private void parse(BodyByteSource source) throws Stop, IOException {
    StreamingMkvReader reader = StreamingMkvReader.createDefault(source);
    try {
      while (true) {
        Optional<MkvElement> e = reader.nextIfAvailable();
        if (e.isPresent()) {
          onElement(e.get());
          continue;
        }
        if (!source.fill()) {
          break;
        }
      }
      draining = true;
      while (reader.mightHaveNext()) {
        Optional<MkvElement> e = reader.nextIfAvailable();
        if (e.isPresent()) {
          onElement(e.get());
        }
      }
    } catch (MalformedMkvException bad) {
      throw stop(AckError.INVALID_MKV_DATA, bad.getMessage());
    } catch (RuntimeException parserRefusal) {
      throw stop(AckError.INVALID_MKV_DATA, "MKV parser: " + parserRefusal);
    }
    if (current != null) {
      completeFragment();
    }
  }

  private void onElement(MkvElement e) throws Stop {
    int id = e.getElementMetaData().getTypeInfo().getId();
    try {
      if (e instanceof MkvStartMasterElement s) {
        startMaster(id, s);
      } else if (e instanceof MkvEndMasterElement) {
        endMaster(id);
      } else {
        data(id, (MkvDataElement) e);
      }
    } catch (IOException | MkvElementVisitException failure) {
      Throwable c = failure.getCause() instanceof IOException io ? io : failure;
      if (c instanceof ChunkParts.FragmentTooLarge) {
        throw stop(AckError.MAX_FRAGMENT_SIZE_REACHED, c.getMessage());
      }
      if (c instanceof ChunkParts.TagsTooLarge) {
        throw stop(AckError.FRAGMENT_METADATA_LIMIT_REACHED, c.getMessage());
      }
      if (c instanceof ChunkParts.HeaderTooLarge) {
        throw stop(AckError.INVALID_MKV_DATA, c.getMessage());
      }
      throw stop(AckError.INTERNAL_ERROR, "storing: " + c.getMessage());
    }
  }

  private void startMaster(int id, MkvStartMasterElement e)
      throws Stop, IOException, MkvElementVisitException {
    switch (id) {
      case EBML -> {
        if (ebmlSeen) {
          throw stop(AckError.INVALID_MKV_DATA, "a second EBML header in one body");
        }
        ebmlSeen = true;
        e.writeToChannel(chunk);
      }
      case SEGMENT -> {
        if (segmentSeen) {
          throw stop(AckError.INVALID_MKV_DATA, "a second Segment in one body");
        }
        segmentSeen = true;
        chunk.write(ByteBuffer.wrap(ChunkParts.SEGMENT_UNKNOWN_SIZE));
      }
      case TAGS -> {
        if (current != null) {
          completeFragment();
        }
        chunk.startTags();
        e.writeToChannel(chunk);
      }
      case CLUSTER -> {
        if (current != null) {
          completeFragment();
        }
        startFragment();
      }
      case TRACKS -> {
        trackEntries = 0;
        e.writeToChannel(chunk);
      }
      case 0xAE -> {
        trackEntries++;
        e.writeToChannel(chunk);
      }
      case SIMPLE_TAG -> {
        tags.startSimpleTag();
        e.writeToChannel(chunk);
      }
      default -> e.writeToChannel(chunk);
    }
  }

  private void endMaster(int id) throws Stop {
    switch (id) {
      case CLUSTER -> {
        if (current != null) {
          completeFragment();
        }
      }
      case TAGS -> chunk.endTags();
      case TRACKS -> {
        if (trackEntries > MAX_TRACKS) {
          throw stop(
              AckError.MORE_THAN_ALLOWED_TRACKS_FOUND,
              trackEntries + " TrackEntry elements, at most " + MAX_TRACKS);
        }
      }
      default -> {}
    }
  }

  private void data(int id, MkvDataElement e) throws Stop, IOException, MkvElementVisitException {
    ByteBuffer value = e.getDataBuffer().duplicate();
    switch (id) {
      case TIMECODE_SCALE -> {
        long scale = readUint(value);
        if (scale < 100 || scale > 1_000_000_000L) {
          throw stop(
              AckError.INVALID_MKV_DATA, "TimecodeScale " + scale + " ns outside 100 ns .. 1 s");
        }
        timecodeScaleNanos = scale;
        e.writeToChannel(chunk);
      }
      case TRACK_NUMBER -> {
        trackNumbers.add(readUint(value));
        e.writeToChannel(chunk);
      }
      case TAG_NAME -> {
        tags.name(StandardCharsets.UTF_8.decode(value).toString());
        e.writeToChannel(chunk);
      }
      case TAG_STRING -> {
        tags.value(StandardCharsets.UTF_8.decode(value).toString());
        e.writeToChannel(chunk);
      }
      case TIMECODE -> {
        e.writeToChannel(chunk);
        if (current != null && !current.hasTimecode()) {
          clusterTimecode(readUint(value));
        }
      }
      case SIMPLE_BLOCK, BLOCK -> {
        if (current == null) {
          throw stop(AckError.INVALID_MKV_DATA, "a block outside any Cluster");
        }
        e.writeToChannel(chunk);
        frame(value);
      }
      default -> e.writeToChannel(chunk);
    }
  }

  private void startFragment() throws Stop, IOException {
    long now = System.nanoTime();
    if (supersededAtNanos >= 0 && now - supersededAtNanos >= limits.supersededGrace().toNanos()) {
      throw new Stop(null, "a newer connection for the stream took over");
    }
    if (now - openedNanos >= maxConnectionDuration.toNanos()) {
      throw stop(
          AckError.MAX_CONNECTION_DURATION_REACHED,
          "connection open longer than " + maxConnectionDuration);
    }
    Optional<StreamInfo> live = streams.byName(stream.streamName());
    if (live.isEmpty() || "DELETING".equals(live.get().status())) {
      throw stop(AckError.STREAM_NOT_ACTIVE, "stream deleted during the session");
    }
    if (trackNumbers.isEmpty()) {
      throw stop(AckError.INVALID_MKV_DATA, "a Cluster before any Tracks");
    }
    throttleFragmentRate();
    String number = store.nextFragmentNumber();
    current =
        new FragmentInProgress(
            store.begin(stream.streamName(), number),
            Instant.now(),
            faults.errorForFragment(stream.streamName()));
    activeNumber = number;
    activeTimecode = -1;
    chunk.startFragment(current.pending);
  }

  /** Fragments beyond the per-second quota are read later, not refused (kvs-putmedia.md §6.1). */
  private void throttleFragmentRate() {
    int max = limits.maxFragmentsPerSecond();
    if (max <= 0) {
      return;
    }
    long now = System.nanoTime();
    while (!recentClusterStarts.isEmpty() && now - recentClusterStarts.peekFirst() >= 1e9) {
      recentClusterStarts.pollFirst();
    }
    if (recentClusterStarts.size() >= max) {
      long wait = recentClusterStarts.peekFirst() + 1_000_000_000L - now;
      try {
        Thread.sleep(Math.max(1, wait / 1_000_000));
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
      recentClusterStarts.pollFirst();
    }
    recentClusterStarts.addLast(System.nanoTime());
  }

  private void clusterTimecode(long timecode) throws Stop {
    current.timecode = timecode;
    activeTimecode = timecode;
    acks.send(Ack.of(AckEventType.BUFFERING, timecode, current.number()));
    if (current.injectedError.isPresent()) {
      int id = current.injectedError.getAsInt();
      String code = AckError.byId(id).map(AckError::code).orElse("UNKNOWN_ERROR");
      throw new Stop(Ack.error(timecode, current.number(), code, id), "injected fault");
    }
    Optional<FragmentTags.Violation> v = tags.check(limits.maxTags());
    if (v.isPresent()) {
      throw stop(v.get().error(), v.get().reason());
    }
    tags.clear();
    long startNanos;
    try {
      startNanos = Math.multiplyExact(timecode, timecodeScaleNanos);
      if (headers.relative()) {
        startNanos =
            Math.addExact(
                startNanos, Math.multiplyExact(headers.producerStartMillis(), 1_000_000L));
      }
    } catch (ArithmeticException overflow) {
      throw stop(AckError.INVALID_PRODUCER_TIMESTAMP, "timecode " + timecode + " overflows");
    }
    long aheadMillis = startNanos / 1_000_000 - System.currentTimeMillis();
    if (aheadMillis > limits.maxProducerClockSkew().toMillis()) {
      throw stop(
          AckError.INVALID_PRODUCER_TIMESTAMP,
          "producer timestamp " + aheadMillis + " ms ahead of the server clock");
    }
    current.startNanos = startNanos;
  }

  /** A SimpleBlock (kvs-data-model §2): track vint, int16 relative timecode, flags, AVCC frame. */
  private void frame(ByteBuffer block) throws Stop {
    if (!current.hasTimecode()) {
      throw stop(AckError.INVALID_MKV_DATA, "a block before the Cluster Timecode");
    }
    SimpleBlockHeader h;
    try {
      h = SimpleBlockHeader.parse(block);
    } catch (MalformedMkvException bad) {
      throw stop(AckError.INVALID_MKV_DATA, bad.getMessage());
    }
    long track = h.track();
    short relative = h.relativeTimecode();
    if (!trackNumbers.contains(track)) {
      throw stop(
          AckError.TRACK_NUMBER_MISMATCH,
          "block for track " + track + ", Tracks declare " + trackNumbers);
    }
    long frameNanos = current.startNanos + relative * timecodeScaleNanos;
    if (current.frames == 0
        && previousLastFrameNanos != Long.MIN_VALUE
        && frameNanos <= previousLastFrameNanos) {
      throw stop(
          AckError.FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS,
          "first frame at "
              + frameNanos / 1_000_000
              + " ms, previous fragment ended at "
              + previousLastFrameNanos / 1_000_000
              + " ms");
    }
    if (relative * timecodeScaleNanos > limits.maxFragmentDuration().toNanos()) {
      throw stop(
          AckError.MAX_FRAGMENT_DURATION_REACHED,
          "frame "
              + relative
              + " ticks into the fragment, longer than "
              + limits.maxFragmentDuration());
    }
    current.frames++;
    current.tracksWithFrames.add(track);
    current.lastFrameNanos = Math.max(current.lastFrameNanos, frameNanos);
    current.maxRelativeTicks = Math.max(current.maxRelativeTicks, relative);
    current.pending.frame(block.duplicate().position(block.position() + h.headerLength()));
  }

  private void completeFragment() throws Stop {
    FragmentInProgress f = current;
    if (!f.hasTimecode()) {
      throw stop(AckError.INVALID_MKV_DATA, "a Cluster without a Timecode");
    }
    for (long t : trackNumbers) {
      if (!f.tracksWithFrames.contains(t)) {
        throw stop(AckError.FRAMES_MISSING_FOR_TRACK, "no frame for track " + t);
      }
    }
    long lastNanos = f.maxRelativeTicks * timecodeScaleNanos;
    long durationNanos = f.frames > 1 ? lastNanos * f.frames / (f.frames - 1) : 0;
    Duration min = limits.minFragmentDuration();
    if (!draining && !min.isZero() && durationNanos < min.toNanos()) {
      throw new Stop(
          Ack.error(f.timecode, f.number(), "MIN_FRAGMENT_DURATION_REACHED", 4002),
          "fragment of " + durationNanos / 1_000_000 + " ms, at least " + min);
    }
    current = null;
    chunk.endFragment();
    activeNumber = "";
    activeTimecode = -1;
    previousLastFrameNanos = f.lastFrameNanos;
    acks.send(Ack.of(AckEventType.RECEIVED, f.timecode, f.number()));
    FragmentFacts facts =
        new FragmentFacts(
            f.timecode,
            Instant.ofEpochSecond(0, f.startNanos),
            f.serverTimestamp,
            durationNanos / 1_000_000);
    if (stream.dataRetentionInHours() <= 0) {
      try {
        store.commit(f.pending, facts);
      } catch (IOException e) {
        log.warn("PutMedia {}: storing fragment {} failed", stream.streamName(), f.number(), e);
      }
      return;
    }
    synchronized (persistLock) {
      outstandingPersists++;
    }
    gate.submit(
        () -> persist(f, facts),
        () -> {
          f.pending.discard();
          synchronized (persistLock) {
            outstandingPersists--;
            persistLock.notifyAll();
          }
        });
  }

  private void persist(FragmentInProgress f, FragmentFacts facts) {
    try {
      store.commit(f.pending, facts);
      acks.send(Ack.of(AckEventType.PERSISTED, f.timecode, f.number()));
    } catch (IOException | RuntimeException e) {
      log.warn("PutMedia {}: persisting fragment {} failed", stream.streamName(), f.number(), e);
      acks.send(
          Ack.error(
              f.timecode,
              f.number(),
              AckError.ARCHIVAL_ERROR.code(),
              AckError.ARCHIVAL_ERROR.id()));
    } finally {
      synchronized (persistLock) {
        outstandingPersists--;
        persistLock.notifyAll();
      }
    }
  }

  /** After the body ends the response stays open until every PERSISTED is out (or idle close). */
  private void awaitPersists() throws IOException {
    synchronized (persistLock) {
      while (outstandingPersists > 0 && !stoppedByTimer) {
        try {
          persistLock.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while awaiting persistence");
        }
      }
    }
  }

  private Stop stop(AckError error, String reason) {
    String number = current != null ? current.number() : "";
    long timecode = current != null && current.hasTimecode() ? current.timecode : -1;
    return new Stop(Ack.error(timecode, number, error.code(), error.id()), reason);
  }

  private void discardCurrent() {
    if (current != null) {
      current.pending.discard();
      current = null;
      chunk.endFragment();
    }
  }

  /**
   * Reads and drops what the producer still sends after an ERROR, for a moment, so the ERROR
   * reaches it before the socket closes; then closes the socket.
   */
  private void drain(InputStream in) {
    long deadline = System.nanoTime() + ERROR_DRAIN.toNanos();
    byte[] sink = new byte[8192];
    try {
      while (System.nanoTime() < deadline && !stoppedByTimer) {
        if (in.read(sink) < 0) {
          return;
        }
      }
    } catch (IOException ignored) {
      // closed meanwhile
    }
    connection.abort();
  }

  /** Timer thread: IDLE ACKs, idle close, connection age, superseded end. */
  void tick() {
    if (ended || stoppedByTimer) {
      return;
    }
    long now = System.nanoTime();
    if (now - openedNanos >= maxConnectionDuration.toNanos()) {
      AckError e = AckError.MAX_CONNECTION_DURATION_REACHED;
      endFromTimer(Ack.error(activeTimecode, activeNumber, e.code(), e.id()));
      return;
    }
    long idle = now - lastDataNanos;
    if (idle >= limits.idleTimeout().toNanos()) {
      log.info("PutMedia {}: no data for {}, closing", stream.streamName(), limits.idleTimeout());
      endFromTimer(null);
      return;
    }
    if (supersededAtNanos >= 0
        && now - supersededAtNanos >= limits.supersededGrace().toNanos()
        && activeNumber.isEmpty()) {
      endFromTimer(null);
      return;
    }
    long interval = limits.idleAckInterval().toNanos();
    if (idle >= interval && now - lastIdleAckNanos >= interval) {
      lastIdleAckNanos = now;
      acks.send(Ack.idle());
    }
  }

  private void endFromTimer(Ack last) {
    stoppedByTimer = true;
    if (last != null) {
      acks.write(last);
    }
    acks.close();
    connection.abort();
  }

  /** Ends the session at once (emulator restart or shutdown). */
  void abort() {
    stoppedByTimer = true;
    acks.close();
    connection.abort();
  }

  private static long readUint(ByteBuffer b) {
    long v = 0;
    for (int i = b.position(); i < b.limit(); i++) {
      v = (v << 8) | (b.get(i) & 0xFF);
    }
    return v;
  }
}
