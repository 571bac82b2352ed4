package io.camappliance.recording;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which fragments are on disk, in time order, across all segments: built from the index sidecars at
 * start-up and kept current by the recorder (fragments appended, segments removed by retention).
 * Safe to read from any thread; readers get snapshots.
 */
public final class RecordingIndex {
  /** Fragments closer than this count as one {@link RecordedRange} (timecode jitter). */
  public static final long RANGE_GAP_TOLERANCE_MILLIS = 250;

  private final Path dir;
  private final TreeMap<SegmentName, Segment> segments = new TreeMap<>();

  /** One segment's files and fragments. */
  static final class Segment {
    final SegmentName name;
    final Path data;
    final int headerLength;
    final List<IndexRecord> records = new ArrayList<>();
    long dataBytes;
    long indexBytes;

    Segment(SegmentName name, Path data, int headerLength, long dataBytes, long indexBytes) {
      this.name = name;
      this.data = data;
      this.headerLength = headerLength;
      this.dataBytes = dataBytes;
      this.indexBytes = indexBytes;
    }

    long endMillis() {
      IndexRecord last = records.isEmpty() ? null : records.get(records.size() - 1);
      return last == null ? name.startMillis() : last.timecodeMillis() + last.durationMillis();
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
    RecordingIndex index = this;
    index.segments.clear();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "seg-*.idx")) {
      for (Path f : files) {
        SegmentName name = SegmentName.parse(f);
        Path data = name == null ? null : name.data(dir);
        if (data == null || !Files.exists(data)) {
          continue;
        }
        IndexFile.Contents c = IndexFile.read(f);
        if (c == null) {
          continue;
        }
        Segment s = new Segment(name, data, c.headerLength(), Files.size(data), Files.size(f));
        s.records.addAll(c.records());
        index.segments.put(name, s);
      }
    }
  }

  /** The fragment whose time span contains {@code epochMillis}. */
  public synchronized Optional<RecordedFragment> fragmentAt(long epochMillis) {
    for (Segment s : segments.values()) {
      for (IndexRecord r : s.records) {
        if (r.timecodeMillis() <= epochMillis
            && epochMillis < r.timecodeMillis() + Math.max(1, r.durationMillis())) {
          return Optional.of(s.fragment(r));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Fragments overlapping [fromMillis, toMillis) in time order; the first is the one containing
   * {@code fromMillis} when there is one, so playback starts at its key frame.
   */
  public synchronized List<RecordedFragment> fragments(long fromMillis, long toMillis) {
    List<RecordedFragment> out = new ArrayList<>();
    for (Segment s : segments.values()) {
      for (IndexRecord r : s.records) {
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
    List<RecordedRange> out = new ArrayList<>();
    long start = 0;
    long end = Long.MIN_VALUE;
    for (RecordedFragment f : fragments(Long.MIN_VALUE, Long.MAX_VALUE)) {
      if (end != Long.MIN_VALUE && f.timecodeMillis() <= end + RANGE_GAP_TOLERANCE_MILLIS) {
        end = Math.max(end, f.endMillis());
        continue;
      }
      if (end != Long.MIN_VALUE) {
        out.add(new RecordedRange(start, end));
      }
      start = f.timecodeMillis();
      end = f.endMillis();
    }
    if (end != Long.MIN_VALUE) {
      out.add(new RecordedRange(start, end));
    }
    return out;
  }

  /** Bytes of every segment and sidecar file as last written. */
  public synchronized long totalBytes() {
    long sum = 0;
    for (Segment s : segments.values()) {
      sum += s.dataBytes + s.indexBytes;
    }
    return sum;
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

  Path directory() {
    return dir;
  }

  synchronized void addSegment(
      SegmentName name, Path data, int headerLength, long dataBytes, long indexBytes) {
    segments.put(name, new Segment(name, data, headerLength, dataBytes, indexBytes));
  }

  synchronized void addFragment(SegmentName name, IndexRecord r, long dataBytes, long indexBytes) {
    Segment s = segments.get(name);
    if (s != null) {
      s.records.add(r);
      s.dataBytes = dataBytes;
      s.indexBytes = indexBytes;
    }
  }

  synchronized void updateBytes(SegmentName name, long dataBytes, long indexBytes) {
    Segment s = segments.get(name);
    if (s != null) {
      s.dataBytes = dataBytes;
      s.indexBytes = indexBytes;
    }
  }

  synchronized void removeSegment(SegmentName name) {
    segments.remove(name);
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
