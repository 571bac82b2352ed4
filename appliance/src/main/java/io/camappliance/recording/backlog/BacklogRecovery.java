package io.camappliance.recording.backlog;

import static io.camappliance.recording.backlog.BacklogFiles.deleteQuietly;

import io.camappliance.store.BacklogEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an earlier run left in a backlog directory: the fragments whose preamble, name and header
 * file agree, and the headers they use. Reads only preambles, never the MKV. Deletes temporaries,
 * damaged fragment and header files, and headers no fragment uses; leaves foreign files alone.
 */
final class BacklogRecovery {
  private static final Logger log = LoggerFactory.getLogger(BacklogRecovery.class);

  /** A recovered fragment and the size of its file. */
  record Fragment(BacklogEntry entry, long fileBytes) {}

  /**
   * @param headers header bytes by key, each used by at least one fragment
   * @param fragments in no particular order
   * @param deleted files deleted
   */
  record Result(Map<Long, byte[]> headers, List<Fragment> fragments, int deleted) {
    static final Result EMPTY = new Result(Map.of(), List.of(), 0);
  }

  private BacklogRecovery() {}

  static Result scan(Path directory) {
    if (!Files.isDirectory(directory)) {
      if (Files.exists(directory)) {
        log.warn("backlog directory {} is not a directory; starting empty", directory);
      }
      return Result.EMPTY;
    }
    Map<Long, byte[]> headers = new HashMap<>();
    List<Path> fragmentFiles = new ArrayList<>();
    int deleted = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (name.endsWith(BacklogFiles.TMP)) {
          log.info("backlog deleting unfinished file {}", f);
          deleteQuietly(f);
          deleted++;
        } else if (HeaderFile.matches(name)) {
          if (!readHeader(f, name, headers)) {
            deleted++;
          }
        } else if (FragmentFile.matches(name)) {
          fragmentFiles.add(f);
        }
      }
    } catch (IOException e) {
      log.warn("backlog cannot list directory {}: {}; starting empty", directory, e.toString());
      return Result.EMPTY;
    }
    List<Fragment> fragments = new ArrayList<>();
    Set<Long> used = new HashSet<>();
    for (Path f : fragmentFiles) {
      Fragment fr = readFragment(f, headers);
      if (fr == null) {
        deleted++;
      } else {
        fragments.add(fr);
        used.add(fr.entry().headerKey());
      }
    }
    for (Long key : new ArrayList<>(headers.keySet())) {
      if (!used.contains(key)) {
        headers.remove(key);
        deleteQuietly(directory.resolve(HeaderFile.name(key)));
        deleted++;
      }
    }
    if (deleted > 0) {
      BacklogFiles.forceDirectory(directory);
    }
    return new Result(headers, fragments, deleted);
  }

  private static boolean readHeader(Path f, String name, Map<Long, byte[]> headers) {
    try {
      long key = HeaderFile.keyOf(name);
      byte[] bytes = Files.readAllBytes(f);
      long actual = HeaderFile.key(bytes);
      if (actual != key) {
        throw new IOException(
            "its " + bytes.length + " bytes hash to key " + HeaderFile.name(actual));
      }
      headers.put(key, bytes);
      return true;
    } catch (IOException e) {
      log.warn("backlog deleting damaged header file {}: {}", f, e.toString());
      deleteQuietly(f);
      return false;
    }
  }

  private static Fragment readFragment(Path f, Map<Long, byte[]> headers) {
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
      long size = ch.size();
      ByteBuffer b = ByteBuffer.allocate(FragmentFile.PREAMBLE);
      while (b.hasRemaining() && ch.read(b) >= 0) {
        // read the whole preamble, or as much as the file has
      }
      b.flip();
      BacklogEntry e = FragmentFile.parse(b, size).entry();
      long named = FragmentFile.timecodeOf(f.getFileName().toString());
      if (named != e.fragmentTimecodeMillis()) {
        throw new IOException("its preamble names fragment " + e.fragmentTimecodeMillis());
      }
      if (!headers.containsKey(e.headerKey())) {
        throw new IOException("its header file " + HeaderFile.name(e.headerKey()) + " is missing");
      }
      return new Fragment(e, size);
    } catch (IOException e) {
      log.warn("backlog deleting damaged fragment file {}: {}", f, e.toString());
      deleteQuietly(f);
      return null;
    }
  }
}
