package io.camappliance.recording.backlog;

import static io.camappliance.recording.backlog.BacklogFiles.deleteQuietly;

import io.camappliance.media.StreamHeader;
import io.camappliance.store.Backlog;
import io.camappliance.store.BacklogEntry;
import io.camappliance.store.BacklogStats;
import io.camappliance.store.EvictedFragment;
import io.camappliance.store.StoreItem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store-and-forward spool on disk (KVS PutMedia reference, "Reconnect and replay"): the {@link
 * io.camappliance.store.ContentStore}'s eviction listener keeps every fragment evicted before the
 * service acknowledged it RECEIVED, so an uploader can send it later, oldest first.
 *
 * <p><b>Two threads, two locks, no I/O under the store's lock.</b> {@link #onFragmentEvicted} runs
 * on the packager's thread while the store's lock is held: it only copies the fragment's bytes and
 * metadata into a bounded in-memory hand-off ({@link #DEFAULT_HANDOFF_BYTES} by default) and
 * returns; when the hand-off is full it drops the fragment (counted, logged) rather than wait. A
 * writer thread of the backlog's own takes fragments from the hand-off and writes them to disk. The
 * hand-off lock is never held during I/O, so the packager never waits for the disk; the index lock
 * guards the in-memory index and counters and is never taken inside the hand-off lock (nor the
 * other way round).
 *
 * <p><b>One file per fragment</b> (see {@link FragmentFile}), plus one file per distinct stream
 * header (see {@link HeaderFile}), all in one directory. Fragments leave the backlog one by one in
 * acknowledgement order, which is not always write order (a late acknowledgement, the size limit
 * dropping the oldest): a file per fragment makes removal an unlink, with no segment compaction or
 * reference counting of segment ranges, and makes publication atomic by a rename. At the backlog's
 * scale (a fragment every one to ten seconds, rarely more than some thousands waiting) the cost of
 * one inode per fragment is small. The header, shared by many fragments, is stored once and deleted
 * with the last fragment that needs it.
 *
 * <p><b>Durability.</b> Each file is written under a {@code .tmp} name, forced to the device,
 * renamed to its final name, and the directory is forced: a crash leaves either no file or a whole
 * one, never half a fragment that an uploader would send. A fragment's header file is published
 * before the fragment. On open, temporaries are deleted and the index is rebuilt from the
 * fragments' preambles (oldest first by fragment timecode); a file that is short, damaged, or whose
 * header is missing is deleted with a warning. Fragment bytes carry a CRC-32C checked by {@link
 * #read}; a fragment that fails it is dropped (counted) and the read fails.
 *
 * <p><b>Limits.</b> {@code maxBytes} bounds the bytes on disk (fragment files with their preambles,
 * and header files): adding a fragment that would pass it first drops the oldest waiting fragments
 * (recent video is worth more), counted and logged; a fragment larger than the whole limit is
 * dropped itself; 0 keeps nothing. A write that fails (disk full, directory missing or not
 * writable) drops the new fragment, counted and logged with the path and reason; the next fragment
 * is tried again, so the backlog recovers when space returns.
 *
 * <p><b>Counters</b> cover the time since open: every fragment offered (evicted and not received)
 * counts once in {@code fragmentsAdded}, and then either waits, is removed, or is dropped, so
 * {@code fragmentsAdded = fragments waiting (added since open) + fragmentsRemoved +
 * fragmentsDropped + fragments still in the hand-off}.
 */
public final class DiskBacklog implements Backlog, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DiskBacklog.class);

  /** 16 MB: about a minute of 2 Mbit/s video waiting in memory for a slow SD card. */
  public static final int DEFAULT_HANDOFF_BYTES = 16 << 20;

  private final Path directory;
  private final long maxBytes;
  private final int handoffBytes;
  private final Thread writer;

  // ---- hand-off, guarded by handoffLock ----
  private final ReentrantLock handoffLock = new ReentrantLock();
  private final Condition queued = handoffLock.newCondition();
  private final Condition drained = handoffLock.newCondition();
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private long queuedBytes;
  private int pending;
  private boolean closing;
  private long fragmentsAdded;

  // ---- index, guarded by indexLock ----
  private final ReentrantLock indexLock = new ReentrantLock();
  private final TreeMap<Long, BacklogEntry> entries = new TreeMap<>();
  private final Map<Long, Header> headers = new HashMap<>();
  private long frames;
  private long bytesOnDisk;
  private long durationMillis;
  private long fragmentsRemoved;

  // ---- any thread: read without a lock so the store's thread never waits for the index ----
  private final AtomicLong fragmentsDropped = new AtomicLong();
  private final AtomicLong framesDropped = new AtomicLong();

  // ---- writer thread only ----
  private StreamHeader lastHeader;
  private byte[] lastHeaderBytes;
  private long lastHeaderKey;

  /** A fragment copied out of the store, waiting for the writer thread. */
  private record Pending(
      long timecode,
      long duration,
      int frames,
      long firstSequence,
      byte[] bytes,
      StreamHeader header) {}

  /** A header file, with the number of waiting (or being written) fragments that need it. */
  private static final class Header {
    final byte[] bytes;
    int references;
    boolean written;

    Header(byte[] bytes) {
      this.bytes = bytes;
    }
  }

  /**
   * Opens (recovering what an earlier run left) the backlog in {@code directory}, with the default
   * hand-off size.
   *
   * @param maxBytes the most bytes kept on disk; 0 keeps nothing
   */
  public static DiskBacklog open(Path directory, long maxBytes) {
    return open(directory, maxBytes, DEFAULT_HANDOFF_BYTES);
  }

  /**
   * Opens the backlog in {@code directory}: deletes temporaries, rebuilds the index from the files
   * there (deleting damaged ones), enforces {@code maxBytes}, and starts the writer thread. A
   * directory that does not exist is created at the first write; one that cannot be read or created
   * makes the backlog start empty and drop (counted) until writes succeed.
   *
   * @param maxBytes the most bytes kept on disk; 0 keeps nothing
   * @param handoffBytes the most fragment bytes waiting in memory for the writer thread
   */
  public static DiskBacklog open(Path directory, long maxBytes, int handoffBytes) {
    return open(directory, maxBytes, handoffBytes, r -> new Thread(r));
  }

  static DiskBacklog open(Path directory, long maxBytes, int handoffBytes, ThreadFactory threads) {
    DiskBacklog b = new DiskBacklog(directory, maxBytes, handoffBytes, threads);
    b.recover();
    b.writer.start();
    return b;
  }

  private DiskBacklog(Path directory, long maxBytes, int handoffBytes, ThreadFactory threads) {
    this.directory = Objects.requireNonNull(directory, "directory");
    if (maxBytes < 0) {
      throw new IllegalArgumentException("backlog maxBytes " + maxBytes + " is negative");
    }
    if (handoffBytes < 1) {
      throw new IllegalArgumentException("backlog handoffBytes " + handoffBytes + " < 1");
    }
    this.maxBytes = maxBytes;
    this.handoffBytes = handoffBytes;
    this.writer = threads.newThread(this::runWriter);
    writer.setName("backlog-writer");
    writer.setDaemon(true);
  }

  public Path directory() {
    return directory;
  }

  // ---- the store's writer thread ----

  @Override
  public void onFragmentEvicted(EvictedFragment fragment) {
    if (fragment.received()) {
      return;
    }
    int count = fragment.frameCount();
    StoreItem item = new StoreItem();
    long size = 0;
    long duration = 0;
    long firstSequence = 0;
    for (int i = 0; i < count; i++) {
      fragment.frame(i, item);
      if (i == 0) {
        firstSequence = item.sequence();
      }
      size += item.length();
      duration += item.durationMillis();
    }
    long timecode = fragment.fragmentTimecodeMillis();
    String refusal;
    handoffLock.lock();
    try {
      fragmentsAdded++;
      refusal = refusal(size);
      if (refusal == null) {
        queuedBytes += size;
        pending++;
      }
    } finally {
      handoffLock.unlock();
    }
    if (refusal != null) {
      long fragmentsTotal = fragmentsDropped.incrementAndGet();
      long framesTotal = framesDropped.addAndGet(count);
      if (maxBytes == 0) {
        log.debug("backlog disabled: fragment {} ({} frames) not kept", timecode, count);
      } else {
        log.warn(
            "backlog dropped fragment {} ({} frames, {} bytes): {}; {} fragments and {} frames"
                + " dropped so far",
            timecode,
            count,
            size,
            refusal,
            fragmentsTotal,
            framesTotal);
      }
      return;
    }
    // size fits in an int: the hand-off is smaller than 2 GB
    byte[] bytes = new byte[(int) size];
    int at = 0;
    for (int i = 0; i < count; i++) {
      ByteBuffer b = fragment.frameBytes(i);
      int n = b.remaining();
      b.get(b.position(), bytes, at, n);
      at += n;
    }
    Pending p = new Pending(timecode, duration, count, firstSequence, bytes, fragment.header());
    handoffLock.lock();
    try {
      queue.add(p);
      queued.signal();
    } finally {
      handoffLock.unlock();
    }
  }

  /** Why a fragment of {@code size} bytes cannot enter the hand-off now, or null. */
  private String refusal(long size) {
    if (maxBytes == 0) {
      return "the backlog is disabled (size limit 0)";
    }
    if (closing) {
      return "the backlog is closed";
    }
    if (queuedBytes + size > handoffBytes) {
      return "the in-memory hand-off to the disk writer holds "
          + queuedBytes
          + " of "
          + handoffBytes
          + " bytes";
    }
    return null;
  }

  // ---- the backlog's writer thread ----

  private void runWriter() {
    while (true) {
      Pending p;
      handoffLock.lock();
      try {
        while (queue.isEmpty() && !closing) {
          queued.awaitUninterruptibly();
        }
        p = queue.poll();
      } finally {
        handoffLock.unlock();
      }
      if (p == null) {
        return;
      }
      try {
        store(p);
      } catch (RuntimeException e) {
        log.error("backlog writer failed on fragment {}", p.timecode(), e);
        dropNew(p, "the writer failed: " + e);
      }
      handoffLock.lock();
      try {
        queuedBytes -= p.bytes().length;
        pending--;
        if (pending == 0) {
          drained.signalAll();
        }
      } finally {
        handoffLock.unlock();
      }
    }
  }

  private void store(Pending p) {
    if (p.header() == null) {
      dropNew(p, "the store named no stream header for it");
      return;
    }
    long key = headerKey(p.header());
    BacklogEntry entry =
        new BacklogEntry(
            p.timecode(), p.duration(), p.frames(), p.firstSequence(), p.bytes().length, key);
    long fileBytes = FragmentFile.PREAMBLE + (long) p.bytes().length;
    Header header;
    indexLock.lock();
    try {
      if (entries.containsKey(p.timecode())) {
        dropNew(p, "a fragment with the same timecode already waits");
        return;
      }
      header = headers.get(key);
      long newHeaderBytes = header == null ? lastHeaderBytes.length : 0;
      if (fileBytes + newHeaderBytes > maxBytes) {
        dropNew(
            p,
            "it needs "
                + (fileBytes + newHeaderBytes)
                + " bytes, more than the size limit of "
                + maxBytes);
        return;
      }
      if (header == null) {
        header = new Header(lastHeaderBytes);
        headers.put(key, header);
        bytesOnDisk += header.bytes.length;
      }
      header.references++;
      dropOldestToFit(fileBytes, "to keep fragment " + p.timecode());
    } finally {
      indexLock.unlock();
    }
    Path tmp = BacklogFiles.temporary(directory.resolve(FragmentFile.name(p.timecode())));
    try {
      Files.createDirectories(directory);
      if (!header.written) {
        BacklogFiles.publish(directory.resolve(HeaderFile.name(key)), null, header.bytes);
        indexLock.lock();
        try {
          header.written = true;
        } finally {
          indexLock.unlock();
        }
      }
      int crc = FragmentFile.crc(p.bytes(), 0, p.bytes().length);
      BacklogFiles.write(tmp, FragmentFile.preamble(entry, crc), p.bytes());
    } catch (IOException e) {
      deleteQuietly(tmp);
      indexLock.lock();
      try {
        release(key);
      } finally {
        indexLock.unlock();
      }
      dropNew(p, "writing " + tmp + " failed: " + e);
      return;
    }
    indexLock.lock();
    try {
      Files.move(
          tmp, directory.resolve(FragmentFile.name(p.timecode())), StandardCopyOption.ATOMIC_MOVE);
      entries.put(p.timecode(), entry);
      frames += p.frames();
      bytesOnDisk += fileBytes;
      durationMillis += p.duration();
    } catch (IOException e) {
      deleteQuietly(tmp);
      release(key);
      dropNew(p, "renaming " + tmp + " failed: " + e);
      return;
    } finally {
      indexLock.unlock();
    }
    BacklogFiles.forceDirectory(directory);
  }

  /** The key of {@code h}, hashing its bytes only when the header changed. */
  private long headerKey(StreamHeader h) {
    if (h != lastHeader) {
      lastHeaderBytes = h.bytes().clone();
      lastHeaderKey = HeaderFile.key(lastHeaderBytes);
      lastHeader = h;
    }
    return lastHeaderKey;
  }

  /** Under indexLock: drops the oldest fragments until {@code fileBytes} more fit the limit. */
  private void dropOldestToFit(long fileBytes, String why) {
    if (bytesOnDisk + fileBytes <= maxBytes) {
      return;
    }
    long beforeBytes = bytesOnDisk;
    int dropped = 0;
    long droppedFrames = 0;
    long first = -1;
    long last = -1;
    while (bytesOnDisk + fileBytes > maxBytes && !entries.isEmpty()) {
      BacklogEntry oldest = entries.firstEntry().getValue();
      if (!delete(oldest)) {
        break;
      }
      fragmentsDropped.incrementAndGet();
      framesDropped.addAndGet(oldest.frames());
      dropped++;
      droppedFrames += oldest.frames();
      first = first < 0 ? oldest.fragmentTimecodeMillis() : first;
      last = oldest.fragmentTimecodeMillis();
    }
    log.warn(
        "backlog size limit of {} bytes reached ({} bytes kept): dropped the {} oldest fragments"
            + " ({} frames, timecodes {}..{}) {}; {} fragments and {} frames dropped so far",
        maxBytes,
        beforeBytes,
        dropped,
        droppedFrames,
        first,
        last,
        why,
        fragmentsDropped.get(),
        framesDropped.get());
  }

  /** Counts a fragment the writer could not keep and logs why. */
  private void dropNew(Pending p, String reason) {
    long fragmentsTotal = fragmentsDropped.incrementAndGet();
    long framesTotal = framesDropped.addAndGet(p.frames());
    log.warn(
        "backlog dropped fragment {} ({} frames, {} bytes) in {}: {}; {} fragments and {} frames"
            + " dropped so far",
        p.timecode(),
        p.frames(),
        p.bytes().length,
        directory,
        reason,
        fragmentsTotal,
        framesTotal);
  }

  // ---- the uploader's side ----

  @Override
  public List<BacklogEntry> oldest(int max) {
    if (max < 0) {
      throw new IllegalArgumentException("max " + max + " is negative");
    }
    indexLock.lock();
    try {
      List<BacklogEntry> out = new ArrayList<>(Math.min(max, entries.size()));
      Iterator<BacklogEntry> it = entries.values().iterator();
      while (out.size() < max && it.hasNext()) {
        out.add(it.next());
      }
      return out;
    } finally {
      indexLock.unlock();
    }
  }

  @Override
  public byte[] header(BacklogEntry entry) throws IOException {
    indexLock.lock();
    try {
      Header h = headers.get(entry.headerKey());
      if (h == null || !h.written) {
        throw new NoSuchFileException(
            directory.resolve(HeaderFile.name(entry.headerKey())).toString(),
            null,
            "no waiting fragment needs this header (fragment "
                + entry.fragmentTimecodeMillis()
                + ")");
      }
      return h.bytes.clone();
    } finally {
      indexLock.unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>The buffer holds exactly the fragment (position 0, limit its length). A fragment removed or
   * dropped meanwhile fails with {@link NoSuchFileException}; one whose bytes fail their checksum
   * is dropped (counted) and fails with an {@link IOException}.
   */
  @Override
  public ByteBuffer read(BacklogEntry entry) throws IOException {
    Path file = directory.resolve(FragmentFile.name(entry.fragmentTimecodeMillis()));
    byte[] all = Files.readAllBytes(file);
    String damage = null;
    try {
      FragmentFile.Preamble p = FragmentFile.parse(ByteBuffer.wrap(all), all.length);
      int crc = FragmentFile.crc(all, FragmentFile.PREAMBLE, all.length - FragmentFile.PREAMBLE);
      if (!p.entry().equals(entry)) {
        damage = "its preamble says " + p.entry() + ", the index " + entry;
      } else if (crc != p.payloadCrc()) {
        damage =
            "its bytes' checksum is 0x"
                + Integer.toHexString(crc)
                + ", the preamble says 0x"
                + Integer.toHexString(p.payloadCrc());
      }
    } catch (IOException e) {
      damage = e.getMessage();
    }
    if (damage != null) {
      indexLock.lock();
      try {
        if (entry.equals(entries.get(entry.fragmentTimecodeMillis())) && delete(entry)) {
          fragmentsDropped.incrementAndGet();
          framesDropped.addAndGet(entry.frames());
        }
      } finally {
        indexLock.unlock();
      }
      log.warn("backlog dropped damaged fragment file {}: {}", file, damage);
      throw new IOException("backlog fragment file " + file + " is damaged: " + damage);
    }
    return ByteBuffer.wrap(all, FragmentFile.PREAMBLE, all.length - FragmentFile.PREAMBLE).slice();
  }

  @Override
  public boolean remove(long fragmentTimecodeMillis) throws IOException {
    indexLock.lock();
    try {
      BacklogEntry e = entries.get(fragmentTimecodeMillis);
      if (e == null) {
        return false;
      }
      Files.deleteIfExists(directory.resolve(FragmentFile.name(fragmentTimecodeMillis)));
      forget(e);
      fragmentsRemoved++;
      return true;
    } finally {
      indexLock.unlock();
    }
  }

  @Override
  public BacklogStats stats() {
    long added;
    handoffLock.lock();
    try {
      added = fragmentsAdded;
    } finally {
      handoffLock.unlock();
    }
    indexLock.lock();
    try {
      return new BacklogStats(
          entries.size(),
          frames,
          bytesOnDisk,
          entries.isEmpty() ? -1 : entries.firstKey(),
          durationMillis,
          added,
          fragmentsRemoved,
          fragmentsDropped.get(),
          framesDropped.get());
    } finally {
      indexLock.unlock();
    }
  }

  /**
   * Waits until every fragment handed over so far is on disk (or dropped).
   *
   * @return false when the timeout passed first
   */
  public boolean flush(long timeout, TimeUnit unit) throws InterruptedException {
    long nanos = unit.toNanos(timeout);
    handoffLock.lockInterruptibly();
    try {
      while (pending > 0) {
        if (nanos <= 0) {
          return false;
        }
        nanos = drained.awaitNanos(nanos);
      }
      return true;
    } finally {
      handoffLock.unlock();
    }
  }

  /**
   * Writes what the hand-off still holds, then stops the writer thread. Fragments evicted later are
   * dropped (counted). Reading and removing still work. Idempotent.
   */
  @Override
  public void close() {
    handoffLock.lock();
    try {
      closing = true;
      queued.signalAll();
    } finally {
      handoffLock.unlock();
    }
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- files ----

  /**
   * Under indexLock: deletes the entry's file and forgets it.
   *
   * @return false when the file could not be deleted (it stays in the index)
   */
  private boolean delete(BacklogEntry e) {
    Path file = directory.resolve(FragmentFile.name(e.fragmentTimecodeMillis()));
    try {
      Files.deleteIfExists(file);
    } catch (IOException x) {
      log.warn("backlog could not delete {}: {}", file, x.toString());
      return false;
    }
    forget(e);
    return true;
  }

  /** Under indexLock: removes the entry from the index and the counters. */
  private void forget(BacklogEntry e) {
    entries.remove(e.fragmentTimecodeMillis());
    frames -= e.frames();
    durationMillis -= e.durationMillis();
    bytesOnDisk -= FragmentFile.PREAMBLE + e.bytes();
    release(e.headerKey());
  }

  /** Under indexLock: one fragment fewer needs this header; the last one deletes its file. */
  private void release(long key) {
    Header h = headers.get(key);
    if (h == null || --h.references > 0) {
      return;
    }
    headers.remove(key);
    bytesOnDisk -= h.bytes.length;
    if (h.written) {
      deleteQuietly(directory.resolve(HeaderFile.name(key)));
    }
  }

  // ---- recovery ----

  /** Rebuilds the index from what an earlier run left; runs before the writer thread starts. */
  private void recover() {
    BacklogRecovery.Result r = BacklogRecovery.scan(directory);
    indexLock.lock();
    try {
      r.headers()
          .forEach(
              (key, bytes) -> {
                Header h = new Header(bytes);
                h.written = true;
                headers.put(key, h);
                bytesOnDisk += bytes.length;
              });
      for (BacklogRecovery.Fragment f : r.fragments()) {
        BacklogEntry e = f.entry();
        headers.get(e.headerKey()).references++;
        entries.put(e.fragmentTimecodeMillis(), e);
        frames += e.frames();
        durationMillis += e.durationMillis();
        bytesOnDisk += f.fileBytes();
      }
      log.info(
          "backlog in {}: {} fragments ({} frames, {} ms, {} bytes) waiting, {} files deleted",
          directory,
          entries.size(),
          frames,
          durationMillis,
          bytesOnDisk,
          r.deleted());
      if (bytesOnDisk > maxBytes) {
        dropOldestToFit(0, "at start");
      }
    } finally {
      indexLock.unlock();
    }
  }
}
