package io.camappliance.recording;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Segment file names: {@code seg-<epochMillis>.mkv} with the index sidecar {@code
 * seg-<epochMillis>.idx}, named after the first fragment's timecode. Should a name be taken (the
 * recorder restarted within the same millisecond of media time) a counter is appended: {@code
 * seg-<epochMillis>-<n>.mkv}.
 */
record SegmentName(long startMillis, int counter) implements Comparable<SegmentName> {
  private static final Pattern NAME =
      Pattern.compile("seg-(\\d{1,19})(?:-(\\d{1,9}))?\\.(mkv|idx)");

  static SegmentName parse(Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    if (!m.matches()) {
      return null;
    }
    try {
      return new SegmentName(
          Long.parseLong(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static boolean isData(Path file) {
    return file.getFileName().toString().endsWith(".mkv");
  }

  String stem() {
    return counter == 0 ? "seg-" + startMillis : "seg-" + startMillis + "-" + counter;
  }

  Path data(Path dir) {
    return dir.resolve(stem() + ".mkv");
  }

  Path index(Path dir) {
    return dir.resolve(stem() + ".idx");
  }

  @Override
  public int compareTo(SegmentName o) {
    int c = Long.compare(startMillis, o.startMillis);
    return c != 0 ? c : Integer.compare(counter, o.counter);
  }
}
