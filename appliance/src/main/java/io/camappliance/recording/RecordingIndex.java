package io.camappliance.recording;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which fragments are on disk, in time order, across all segments: built from the index sidecars at
 * start-up and kept current by the recorder (fragments appended, segments removed by retention).
 * Safe to use from any thread; results are snapshots.
 *
 * <p>Memory stays small however long the retention: per segment only a summary is held (its files,
 * byte counts, fragment count and the time ranges it covers); the fragments of a segment are read
 * from its sidecar (a few kilobytes) when a lookup needs them.
 */
public final class RecordingIndex {
  /** Fragments closer than this count as one {@link RecordedRange} (timecode jitter). */
  public static final long RANGE_GAP_TOLERANCE_MILLIS = 250;

  private final Path dir;
  private final TreeMap<SegmentName, Segment> segments = new TreeMap<>();
  private long totalBytes;

  /** One segment's summary. */
  private static final class Segment {
    final SegmentName name;
    final Path data;
    final Path index;
    final int headerLength;
    long dataBytes;
    long indexBytes;
    int fragmentCount;
    long[] runs = new long[2]; // [start, end) pairs of gap-free time, in order
    int runCount;

    Segment(SegmentName name, Path dir, int headerLength, long dataBytes, long indexBytes) {
      this.name = name;
      this.data = name.data(dir);
      this.index = name.index(dir);
      this.headerLength = headerLength;
      this.dataBytes = dataBytes;
      this.indexBytes = indexBytes;
    }

    void add(IndexRecord r) {
      fragmentCount++;
      long start = r.timecodeMillis();
      long end = start + Math.max(1, r.durationMillis());
      if (runCount > 0 && start <= runs[2 * runCount - 1] + RANGE_GAP_TOLERANCE_MILLIS) {
        runs[2 * runCount - 1] = Math.max(runs[2 * runCount - 1], end);
        return;
      }
      if (2 * runCount == runs.length) {
        runs = Arrays.copyOf(runs, runs.length * 2);
      }
      runs[2 * runCount] = start;
      runs[2 * runCount + 1] = end;
      runCount++;
    }

    long startMillis() {
      return runCount == 0 ? name.startMillis() : runs[0];
    }

    long endMillis() {
      return runCount == 0 ? name.startMillis() : runs[2 * runCount - 1];
    }

    boolean overlaps(long from, long to) {
      return runCount > 0 && endMillis() > from && startMillis() < to;
    }

    RecordedFragment fragment(IndexRecord r) {
      return new RecordedFragment(
          data,
          headerLength,
          r.offset(),
          r.length(),
          r.timecodeMillis(),
          r.durationMillis(),
          r.frameCount(),
          r.firstSequence(),
          r.lastSequence());
    }
  }

  RecordingIndex(Path dir) {
    this.dir = dir;
  }

  /** Reads every intact sidecar in {@code dir}; run {@link RecordingRecovery} first. */
  public static RecordingIndex load(Path dir) throws IOException {
    RecordingIndex index = new RecordingIndex(dir);
    index.reload();
    return index;
  }

  /** Replaces what the index holds with what the sidecars on disk say. */
  synchronized void reload() throws IOException {
    segments.clear();
    totalBytes = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "seg-*.idx")) {
      for (Path f : files) {
        SegmentName name = SegmentName.parse(f);
        if (name == null || !Files.exists(name.data(dir))) {
          continue;
        }
        IndexFile.Contents c = IndexFile.read(f);
        if (c == null) {
          continue;
        }
        Segment s =
            new Segment(name, dir, c.headerLength(), Files.size(name.data(dir)), Files.size(f));
        c.records().forEach(s::add);
        segments.put(name, s);
        totalBytes += s.dataBytes + s.indexBytes;
      }
    }
  }

  /** The fragment whose time span contains {@code epochMillis}. */
  public Optional<RecordedFragment> fragmentAt(long epochMillis) throws IOException {
    for (RecordedFragment f : fragments(epochMillis, epochMillis + 1)) {
      if (f.timecodeMillis() <= epochMillis
          && epochMillis < f.timecodeMillis() + Math.max(1, f.durationMillis())) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /**
   * Fragments overlapping [fromMillis, toMillis) in time order; the first is the one containing
   * {@code fromMillis} when there is one, so playback starts at its key frame. A segment deleted by
   * retention meanwhile is skipped.
   */
  public List<RecordedFragment> fragments(long fromMillis, long toMillis) throws IOException {
    List<RecordedFragment> out = new ArrayList<>();
    for (Segment s : overlapping(fromMillis, toMillis)) {
      IndexFile.Contents c;
      try {
        c = IndexFile.read(s.index);
      } catch (NoSuchFileException deleted) {
        continue;
      }
      if (c == null) {
        continue;
      }
      List<IndexRecord> records = c.records();
      int known;
      synchronized (this) {
        known = Math.min(records.size(), s.fragmentCount);
      }
      for (int i = 0; i < known; i++) {
        IndexRecord r = records.get(i);
        long end = r.timecodeMillis() + Math.max(1, r.durationMillis());
        if (end > fromMillis && r.timecodeMillis() < toMillis) {
          out.add(s.fragment(r));
        }
      }
    }
    out.sort((a, b) -> Long.compare(a.timecodeMillis(), b.timecodeMillis()));
    return out;
  }

  /** Every recorded stretch of time, merged across fragments and segments. */
  public synchronized List<RecordedRange> ranges() {
    List<long[]> all = new ArrayList<>();
    for (Segment s : segments.values()) {
      for (int i = 0; i < s.runCount; i++) {
        all.add(new long[] {s.runs[2 * i], s.runs[2 * i + 1]});
      }
    }
    all.sort((a, b) -> Long.compare(a[0], b[0]));
    List<RecordedRange> out = new ArrayList<>();
    long start = 0;
    long end = Long.MIN_VALUE;
    for (long[] r : all) {
      if (end != Long.MIN_VALUE && r[0] <= end + RANGE_GAP_TOLERANCE_MILLIS) {
        end = Math.max(end, r[1]);
        continue;
      }
      if (end != Long.MIN_VALUE) {
        out.add(new RecordedRange(start, end));
      }
      start = r[0];
      end = r[1];
    }
    if (end != Long.MIN_VALUE) {
      out.add(new RecordedRange(start, end));
    }
    return out;
  }

  /** Bytes of every segment and sidecar file as last written. */
  public synchronized long totalBytes() {
    return totalBytes;
  }

  public synchronized int segmentCount() {
    return segments.size();
  }

  /** The segment data files, oldest first. */
  public synchronized List<Path> segmentFiles() {
    List<Path> out = new ArrayList<>();
    for (Segment s : segments.values()) {
      out.add(s.data);
    }
    return out;
  }

  private synchronized List<Segment> overlapping(long from, long to) {
    List<Segment> out = new ArrayList<>();
    for (Segment s : segments.values()) {
      if (s.overlaps(from, to)) {
        out.add(s);
      }
    }
    return out;
  }

  synchronized void addSegment(
      SegmentName name, int headerLength, long dataBytes, long indexBytes) {
    Segment s = new Segment(name, dir, headerLength, dataBytes, indexBytes);
    segments.put(name, s);
    totalBytes += dataBytes + indexBytes;
  }

  synchronized void addFragment(SegmentName name, IndexRecord r, long dataBytes, long indexBytes) {
    Segment s = segments.get(name);
    if (s != null) {
      s.add(r);
      setBytes(s, dataBytes, indexBytes);
    }
  }

  synchronized void updateBytes(SegmentName name, long dataBytes, long indexBytes) {
    Segment s = segments.get(name);
    if (s != null) {
      setBytes(s, dataBytes, indexBytes);
    }
  }

  private void setBytes(Segment s, long dataBytes, long indexBytes) {
    totalBytes += dataBytes + indexBytes - s.dataBytes - s.indexBytes;
    s.dataBytes = dataBytes;
    s.indexBytes = indexBytes;
  }

  synchronized void removeSegment(SegmentName name) {
    Segment s = segments.remove(name);
    if (s != null) {
      totalBytes -= s.dataBytes + s.indexBytes;
    }
  }

  /** The oldest segment other than {@code except}, or null. */
  synchronized SegmentName oldestExcept(SegmentName except) {
    for (SegmentName n : segments.keySet()) {
      if (!n.equals(except)) {
        return n;
      }
    }
    return null;
  }

  /** When the segment's last fragment ends (epoch ms), or its start if it has none. */
  synchronized long endMillis(SegmentName name) {
    Segment s = segments.get(name);
    return s == null ? Long.MIN_VALUE : s.endMillis();
  }
}
