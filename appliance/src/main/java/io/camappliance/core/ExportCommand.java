package io.camappliance.core;

import io.camappliance.recording.ClipExporter;
import io.camappliance.recording.ExportedClip;
import io.camappliance.recording.RecordingIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code appliance export}: a time range of the local recording as an MP4, remuxed, not re-encoded.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Export a time range of the local recording to an MP4 file (remuxed, no re-encoding)."
            + " The clip starts at the IDR frame at or before --from.")
final class ExportCommand implements Callable<Integer> {

  @Option(names = "--dir", required = true, description = "recording directory")
  Path dir;

  @Option(
      names = "--from",
      required = true,
      description = "start: ISO-8601 instant (2026-11-21T09:00:00Z) or epoch milliseconds")
  String from;

  @Option(names = "--to", required = true, description = "end: as --from")
  String to;

  @Option(names = "--out", required = true, description = "the MP4 file to write")
  Path out;

  @Override
  public Integer call() throws Exception {
    long fromMillis;
    long toMillis;
    try {
      fromMillis = parseTime("--from", from);
      toMillis = parseTime("--to", to);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    if (toMillis <= fromMillis) {
      System.err.println("--to (" + to + ") must be after --from (" + from + ")");
      return 2;
    }
    if (!Files.isDirectory(dir)) {
      System.err.println("--dir " + dir + " is not a directory");
      return 2;
    }
    ExportedClip clip =
        new ClipExporter(RecordingIndex.load(dir)).export(fromMillis, toMillis, out);
    if (clip.frames() == 0) {
      System.err.println("nothing recorded between " + from + " and " + to + " in " + dir);
      return 1;
    }
    System.out.printf(
        "wrote %s: %d frames (%d keyframes), %dx%d, %s to %s%s%n",
        clip.file(),
        clip.frames(),
        clip.keyFrames(),
        clip.width(),
        clip.height(),
        Instant.ofEpochMilli(clip.startMillis()),
        Instant.ofEpochMilli(clip.endMillis()),
        clip.stoppedAtFormatChange() ? " (stopped where the video format changed)" : "");
    return 0;
  }

  static long parseTime(String option, String value) {
    if (value.matches("\\d{1,15}")) {
      return Long.parseLong(value);
    }
    try {
      return Instant.parse(value).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          option
              + " '"
              + value
              + "' is neither an ISO-8601 instant (2026-11-21T09:00:00Z) nor epoch milliseconds");
    }
  }
}
