package io.camappliance.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.mkv.EbmlReader;
import io.camappliance.mkv.MkvIds;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Test assertions over the segment files of a directory. */
final class Segments {
  private Segments() {}

  static List<Path> dataFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".mkv")).sorted().toList();
    }
  }

  /** Reads the file to its end with EbmlReader; returns the sequence numbers of its blocks. */
  static List<Long> blockCountPerCluster(Path file) throws IOException {
    List<Long> counts = new ArrayList<>();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      EbmlReader r = EbmlReader.of(ch);
      EbmlReader.ScanResult result =
          r.scan(
              0,
              (e, depth) -> {
                if (e.id() == MkvIds.CLUSTER) {
                  counts.add(0L);
                } else if (e.id() == MkvIds.SIMPLE_BLOCK) {
                  r.readSimpleBlockHeader(e);
                  counts.set(counts.size() - 1, counts.get(counts.size() - 1) + 1);
                }
              });
      assertThat(result.truncated()).as("%s truncated at %d", file, result.completeEnd()).isFalse();
      assertThat(result.completeEnd()).isEqualTo(ch.size());
    }
    return counts;
  }
}
