package io.camappliance.recording;

import io.camappliance.mkv.EbmlElement;
import io.camappliance.mkv.EbmlReader;
import io.camappliance.mkv.MkvIds;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Brings a recording directory back to a consistent state after a crash or power loss, before the
 * recorder starts. The recorder appends a fragment's frames to the data file as they arrive and
 * writes its index record only when the fragment is complete (then forces both), so after a crash
 * the tail of a data file past the last indexed fragment is an unfinished fragment, and the index
 * may end in a torn record.
 *
 * <p>For every segment: index records are kept while their CRC holds, they follow one another
 * without a gap starting right after the stream header, they lie inside the data file, and the data
 * at their offset starts with a Tags or Cluster element. The index is truncated after the last kept
 * record and the data file after its fragment. A segment with no kept fragment, and a sidecar
 * without data (or data without sidecar), is deleted.
 */
public final class RecordingRecovery {
  private RecordingRecovery() {}

  /** What recovery changed. */
  public record Report(
      int segmentsKept, int filesDeleted, long dataBytesTruncated, int indexRecordsDropped) {}

  public static Report recover(Path dir) throws IOException {
    TreeMap<SegmentName, List<Path>> byName = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "seg-*")) {
      for (Path f : files) {
        SegmentName n = SegmentName.parse(f);
        if (n != null) {
          byName.computeIfAbsent(n, k -> new ArrayList<>()).add(f);
        }
      }
    }
    int kept = 0;
    int deleted = 0;
    long truncated = 0;
    int dropped = 0;
    for (SegmentName name : byName.keySet()) {
      Path data = name.data(dir);
      Path index = name.index(dir);
      IndexFile.Contents idx = Files.exists(index) ? IndexFile.read(index) : null;
      long dataSize = Files.exists(data) ? Files.size(data) : -1;
      int good = idx == null || dataSize < 0 ? 0 : validPrefix(data, dataSize, idx);
      if (good == 0) {
        deleted += Files.deleteIfExists(data) ? 1 : 0;
        deleted += Files.deleteIfExists(index) ? 1 : 0;
        continue;
      }
      long dataEnd = idx.records().get(good - 1).end();
      long indexEnd = IndexFile.HEADER_SIZE + (long) good * IndexRecord.SIZE;
      dropped += idx.records().size() - good + (idx.torn() ? 1 : 0);
      truncated += dataSize - dataEnd;
      truncate(data, dataEnd);
      truncate(index, indexEnd);
      kept++;
    }
    return new Report(kept, deleted, truncated, dropped);
  }

  /** How many leading index records describe intact, contiguous fragments of the data file. */
  private static int validPrefix(Path data, long dataSize, IndexFile.Contents idx)
      throws IOException {
    try (FileChannel ch = FileChannel.open(data, StandardOpenOption.READ)) {
      EbmlReader reader = EbmlReader.of(ch);
      long expected = idx.headerLength();
      int n = 0;
      for (IndexRecord r : idx.records()) {
        if (r.offset() != expected || r.length() <= 0 || r.end() > dataSize) {
          break;
        }
        if (!startsAFragment(reader, r.offset())) {
          break;
        }
        expected = r.end();
        n++;
      }
      return n;
    }
  }

  private static boolean startsAFragment(EbmlReader reader, long offset) throws IOException {
    if (!reader.headerFits(offset)) {
      return false;
    }
    try {
      EbmlElement e = reader.readElement(offset);
      return e.id() == MkvIds.CLUSTER || e.id() == MkvIds.TAGS;
    } catch (io.camappliance.mkv.EbmlException notEbml) {
      return false;
    }
  }

  private static void truncate(Path file, long size) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      if (ch.size() > size) {
        ch.truncate(size);
        ch.force(true);
      }
    }
  }
}
