package io.camappliance.recording.backlog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable file operations of the backlog: a file is written under a temporary name and forced to
 * the device before it is renamed into place, and the rename is made durable by forcing the
 * directory, so a crash leaves either the whole file or a temporary that recovery deletes.
 */
final class BacklogFiles {
  private static final Logger log = LoggerFactory.getLogger(BacklogFiles.class);

  /** The suffix of a file being written. */
  static final String TMP = ".tmp";

  private BacklogFiles() {}

  /** Writes {@code bytes} (after {@code preamble}, if any) to {@code file} durably. */
  static void publish(Path file, ByteBuffer preamble, byte[] bytes) throws IOException {
    Path tmp = temporary(file);
    try {
      write(tmp, preamble, bytes);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw e;
    }
    forceDirectory(file.getParent());
  }

  static Path temporary(Path file) {
    return file.resolveSibling(file.getFileName() + TMP);
  }

  /** Writes {@code preamble} (may be null) and {@code bytes} to {@code file} and forces them. */
  static void write(Path file, ByteBuffer preamble, byte[] bytes) throws IOException {
    try (FileChannel ch =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer[] parts =
          preamble == null
              ? new ByteBuffer[] {ByteBuffer.wrap(bytes)}
              : new ByteBuffer[] {preamble, ByteBuffer.wrap(bytes)};
      while (parts[parts.length - 1].hasRemaining()) {
        ch.write(parts);
      }
      ch.force(true);
    }
  }

  /** Makes renames and deletions in the directory durable; some file systems cannot, then noted. */
  static void forceDirectory(Path directory) {
    try (FileChannel ch = FileChannel.open(directory, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      log.debug("backlog could not force directory {}: {}", directory, e.toString());
    }
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("backlog could not delete {}: {}", file, e.toString());
    }
  }
}
