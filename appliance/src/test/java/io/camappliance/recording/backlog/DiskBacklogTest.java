package io.camappliance.recording.backlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.camappliance.mkv.KvsParserCheck;
import io.camappliance.recording.backlog.EvictionRig.Produced;
import io.camappliance.store.AckKind;
import io.camappliance.store.BacklogEntry;
import io.camappliance.store.BacklogStats;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskBacklogTest {
  /** Holds about four of the rig's 7 KB fragments. */
  private static final long STORE_BYTES = 32 * 1024;

  private static final long PLENTY = 1L << 30;

  @TempDir Path dir;

  @Test
  void keepsEveryEvictedUnsentFragmentByteExactOldestFirstWithItsMetadata() throws Exception {
    try (DiskBacklog backlog = DiskBacklog.open(dir, PLENTY)) {
      EvictionRig rig = new EvictionRig(STORE_BYTES, backlog).fragments(12);
      assertThat(backlog.flush(10, TimeUnit.SECONDS)).isTrue();

      List<Produced> evicted = rig.evicted();
      assertThat(evicted).hasSizeGreaterThanOrEqualTo(6);
      assertMatches(backlog, evicted);

      BacklogStats s = backlog.stats();
      assertThat(s.fragments()).isEqualTo(evicted.size());
      assertThat(s.frames()).isEqualTo(evicted.size() * (long) EvictionRig.FRAMES_PER_FRAGMENT);
      assertThat(s.durationMillis()).isEqualTo(evicted.stream().mapToLong(p -> p.duration).sum());
      assertThat(s.oldestTimecodeMillis()).isEqualTo(evicted.get(0).timecode);
      assertThat(s.bytes()).isEqualTo(directoryBytes()).isEqualTo(expectedBytes(evicted));
      assertThat(s.fragmentsAdded()).isEqualTo(evicted.size());
      assertThat(s.fragmentsDropped()).isZero();
      assertThat(s.framesDropped()).isZero();
    }
  }

  @Test
  void recoversTheSameEntriesAndBytesAfterCloseAndReopen() throws Exception {
    List<Produced> evicted;
    try (DiskBacklog backlog = DiskBacklog.open(dir, PLENTY)) {
      evicted = new EvictionRig(STORE_BYTES, backlog).fragments(10).evicted();
    }

    try (DiskBacklog reopened = DiskBacklog.open(dir, PLENTY)) {
      assertMatches(reopened, evicted);
      BacklogStats s = reopened.stats();
      assertThat(s.fragments()).isEqualTo(evicted.size());
      assertThat(s.bytes()).isEqualTo(expectedBytes(evicted));
      assertThat(s.oldestTimecodeMillis()).isEqualTo(evicted.get(0).timecode);
      assertThat(s.fragmentsAdded()).isZero();
    }
  }

  @Test
  void fragmentsTheServiceAcknowledgedReceivedAreNotKept() throws Exception {
    try (DiskBacklog backlog = DiskBacklog.open(dir, PLENTY)) {
      EvictionRig rig = new EvictionRig(STORE_BYTES, backlog).fragments(3);
      List<Long> timecodes = new ArrayList<>(rig.produced.keySet());
      // RECEIVED (not trimmed: the store trims on PERSISTED) for the second fragment covers the
      // first two
      assertThat(rig.store.acknowledge(timecodes.get(1), AckKind.RECEIVED)).isTrue();
      rig.fragments(8);
      backlog.flush(10, TimeUnit.SECONDS);

      List<Produced> evicted = rig.evicted();
      assertThat(evicted).hasSizeGreaterThan(4);
      assertMatches(backlog, evicted.subList(2, evicted.size()));
      assertThat(backlog.stats().fragmentsAdded()).isEqualTo(evicted.size() - 2);
    }
  }

  @Test
  void removeDeletesTheFragmentsFileAndUpdatesTheStats() throws Exception {
    try (DiskBacklog backlog = DiskBacklog.open(dir, PLENTY)) {
      List<Produced> evicted = new EvictionRig(STORE_BYTES, backlog).fragments(10).evicted();
      backlog.flush(10, TimeUnit.SECONDS);
      Produced first = evicted.get(0);
      Produced second = evicted.get(1);

      assertThat(backlog.remove(second.timecode)).isTrue();
      assertThat(backlog.remove(second.timecode)).isFalse();
      assertThat(backlog.remove(12345)).isFalse();

      assertThat(Files.exists(dir.resolve(FragmentFile.name(second.timecode)))).isFalse();
      List<Produced> rest = new ArrayList<>(evicted);
      rest.remove(1);
      assertMatches(backlog, rest);
      assertThatThrownBy(() -> backlog.read(second.entry()))
          .isInstanceOf(NoSuchFileException.class);
      BacklogStats s = backlog.stats();
      assertThat(s.fragmentsRemoved()).isEqualTo(1);
      assertThat(s.fragments()).isEqualTo(rest.size());
      assertThat(s.frames()).isEqualTo(rest.size() * (long) EvictionRig.FRAMES_PER_FRAGMENT);
      assertThat(s.bytes()).isEqualTo(expectedBytes(rest)).isEqualTo(directoryBytes());
      assertThat(s.oldestTimecodeMillis()).isEqualTo(first.timecode);

      for (Produced p : rest) {
        assertThat(backlog.remove(p.timecode)).isTrue();
      }
      assertThat(backlog.oldest(10)).isEmpty();
      assertThat(backlog.stats().oldestTimecodeMillis()).isEqualTo(-1);
      assertThat(backlog.stats().bytes()).isZero();
      assertThat(files()).as("the header goes with its last fragment").isEmpty();
    }
  }

  @Test
  void theSizeLimitDropsTheOldestFragmentsFirstAndCountsThem() throws Exception {
    EvictionRig probe = new EvictionRig(STORE_BYTES, f -> {}).fragments(12);
    List<Produced> all = probe.evicted();
    long limit = expectedBytes(all.subList(all.size() - 3, all.size())) + 10;
    List<Produced> kept = longestSuffixWithin(all, limit);
    assertThat(kept).hasSizeBetween(3, 4);

    List<Produced> expected;
    try (DiskBacklog backlog = DiskBacklog.open(dir, limit)) {
      EvictionRig rig = new EvictionRig(STORE_BYTES, backlog).fragments(12);
      backlog.flush(10, TimeUnit.SECONDS);
      List<Produced> evicted = rig.evicted();
      assertThat(evicted).hasSameSizeAs(all);

      expected = evicted.subList(evicted.size() - kept.size(), evicted.size());
      assertMatches(backlog, expected);
      BacklogStats s = backlog.stats();
      int dropped = evicted.size() - kept.size();
      assertThat(s.fragmentsDropped()).isEqualTo(dropped);
      assertThat(s.framesDropped()).isEqualTo(dropped * (long) EvictionRig.FRAMES_PER_FRAGMENT);
      assertThat(s.bytes()).isLessThanOrEqualTo(limit).isEqualTo(directoryBytes());
      assertThat(s.fragmentsAdded()).isEqualTo(s.fragments() + s.fragmentsDropped());
    }

    long smallerLimit = limit - 5_000;
    List<Produced> stillKept = longestSuffixWithin(expected, smallerLimit);
    assertThat(stillKept).hasSize(expected.size() - 1);
    try (DiskBacklog smaller = DiskBacklog.open(dir, smallerLimit)) {
      assertThat(smaller.oldest(10))
          .as("a lower limit at start drops the oldest")
          .containsExactlyElementsOf(stillKept.stream().map(Produced::entry).toList());
      assertThat(smaller.stats().fragmentsDropped()).isEqualTo(1);
      assertThat(smaller.stats().bytes()).isLessThanOrEqualTo(smallerLimit);
    }
  }

  @Test
  void aZeroSizeLimitKeepsNothingAndCountsEveryFragmentAsDropped() throws Exception {
    try (DiskBacklog backlog = DiskBacklog.open(dir, 0)) {
      EvictionRig rig = new EvictionRig(STORE_BYTES, backlog).fragments(8);
      backlog.flush(10, TimeUnit.SECONDS);
      int evicted = rig.evicted().size();
      assertThat(evicted).isPositive();
      assertThat(backlog.oldest(100)).isEmpty();
      assertThat(backlog.stats().fragmentsDropped()).isEqualTo(evicted);
      assertThat(backlog.stats().framesDropped())
          .isEqualTo(evicted * (long) EvictionRig.FRAMES_PER_FRAGMENT);
      assertThat(files()).isEmpty();
    }
  }

  @Test
  void aFullHandOffDropsFragmentsInsteadOfMakingTheStoreWait() throws Exception {
    EvictionRig probe = new EvictionRig(STORE_BYTES, f -> {}).fragments(10);
    List<Produced> all = probe.evicted();
    int handoff = (int) (all.get(0).bytes.size() * 2.5);
    CountDownLatch writerMayRun = new CountDownLatch(1);
    DiskBacklog backlog =
        DiskBacklog.open(
            dir,
            PLENTY,
            handoff,
            r ->
                new Thread(
                    () -> {
                      try {
                        writerMayRun.await();
                      } catch (InterruptedException e) {
                        return;
                      }
                      r.run();
                    }));
    try {
      EvictionRig rig = new EvictionRig(STORE_BYTES, backlog).fragments(10);
      List<Produced> evicted = rig.evicted();
      assertThat(evicted).hasSameSizeAs(all);
      List<Produced> accepted = new ArrayList<>();
      long queued = 0;
      for (Produced p : evicted) {
        if (queued + p.bytes.size() <= handoff) {
          queued += p.bytes.size();
          accepted.add(p);
        }
      }
      assertThat(accepted).hasSize(2);
      int dropped = evicted.size() - accepted.size();
      assertThat(backlog.stats().fragmentsDropped()).isEqualTo(dropped);
      assertThat(backlog.stats().framesDropped())
          .isEqualTo(dropped * (long) EvictionRig.FRAMES_PER_FRAGMENT);
      assertThat(backlog.oldest(10)).as("nothing written yet").isEmpty();

      writerMayRun.countDown();
      assertThat(backlog.flush(10, TimeUnit.SECONDS)).isTrue();
      assertMatches(backlog, accepted);
      assertThat(backlog.stats().fragmentsAdded()).isEqualTo(evicted.size());
    } finally {
      writerMayRun.countDown();
      backlog.close();
    }
  }

  @Test
  void aDirectoryThatCannotBeCreatedDropsFragmentsUntilItCanThenKeepsThemAgain() throws Exception {
    Path blocker = dir.resolve("blocker");
    Files.write(blocker, new byte[] {1});
    Path spool = blocker.resolve("backlog");
    try (DiskBacklog backlog = DiskBacklog.open(spool, PLENTY)) {
      EvictionRig rig = new EvictionRig(STORE_BYTES, backlog).fragments(8);
      backlog.flush(10, TimeUnit.SECONDS);
      List<Produced> failed = rig.evicted();
      assertThat(failed).isNotEmpty();
      assertThat(backlog.oldest(100)).isEmpty();
      assertThat(backlog.stats().fragmentsDropped()).isEqualTo(failed.size());
      assertThat(backlog.stats().framesDropped())
          .isEqualTo(failed.size() * (long) EvictionRig.FRAMES_PER_FRAGMENT);

      Files.delete(blocker);
      rig.fragments(3);
      backlog.flush(10, TimeUnit.SECONDS);
      List<Produced> later = rig.evicted().subList(failed.size(), rig.evicted().size());
      assertThat(later).hasSize(3);
      assertMatches(backlog, later);
      assertThat(backlog.stats().fragmentsDropped()).isEqualTo(failed.size());
    }
  }

  @Test
  void aFullDiskDropsTheNewFragmentAndWritesSucceedAgainOnceThereIsRoom() throws Exception {
    Path mount = dir.resolve("small");
    Files.createDirectory(mount);
    assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=48k", "tmpfs", mount.toString()) == 0);
    try {
      try (DiskBacklog backlog = DiskBacklog.open(mount, PLENTY)) {
        EvictionRig rig = new EvictionRig(STORE_BYTES, backlog).fragments(14);
        backlog.flush(10, TimeUnit.SECONDS);
        List<Produced> evicted = rig.evicted();
        List<BacklogEntry> kept = backlog.oldest(100);
        BacklogStats s = backlog.stats();
        assertThat(kept).isNotEmpty();
        assertThat(s.fragmentsDropped()).isPositive();
        assertThat(kept.size() + s.fragmentsDropped()).isEqualTo(evicted.size());
        assertThat(kept.get(0).fragmentTimecodeMillis())
            .as("the new fragments were dropped, not the old ones")
            .isEqualTo(evicted.get(0).timecode);
        try (Stream<Path> files = Files.list(mount)) {
          assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        for (BacklogEntry e : kept) {
          assertThat(backlog.read(e).remaining()).isEqualTo(e.bytes());
          assertThat(backlog.remove(e.fragmentTimecodeMillis())).isTrue();
        }

        long droppedBefore = s.fragmentsDropped();
        rig.fragments(2);
        backlog.flush(10, TimeUnit.SECONDS);
        List<Produced> all = rig.evicted();
        assertMatches(backlog, all.subList(evicted.size(), all.size()));
        assertThat(backlog.stats().fragmentsDropped()).isEqualTo(droppedBefore);
      }
    } finally {
      run("umount", mount.toString());
    }
  }

  @Test
  void damagedAndUnfinishedFilesAreDeletedAtStartAndTheRestIsRecovered() throws Exception {
    List<Produced> evicted;
    try (DiskBacklog backlog = DiskBacklog.open(dir, PLENTY)) {
      evicted = new EvictionRig(STORE_BYTES, backlog).fragments(10).evicted();
    }
    Produced truncated = evicted.get(2);
    Path victim = dir.resolve(FragmentFile.name(truncated.timecode));
    try (FileChannel ch = FileChannel.open(victim, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 10);
    }
    Path stub = dir.resolve(FragmentFile.name(99));
    Files.write(stub, new byte[] {1, 2, 3});
    Path unfinished = dir.resolve(FragmentFile.name(100) + ".tmp");
    Files.write(unfinished, new byte[1000]);
    Path alien = dir.resolve("README");
    Files.write(alien, new byte[] {1});

    try (DiskBacklog reopened = DiskBacklog.open(dir, PLENTY)) {
      List<Produced> rest = new ArrayList<>(evicted);
      rest.remove(truncated);
      assertMatches(reopened, rest);
      assertThat(reopened.stats().bytes()).isEqualTo(expectedBytes(rest));
    }
    assertThat(victim).doesNotExist();
    assertThat(stub).doesNotExist();
    assertThat(unfinished).doesNotExist();
    assertThat(alien).as("files not ours are left alone").exists();
  }

  @Test
  void aDamagedHeaderFileTakesItsFragmentsWithItAtStart() throws Exception {
    try (DiskBacklog backlog = DiskBacklog.open(dir, PLENTY)) {
      new EvictionRig(STORE_BYTES, backlog).fragments(8);
    }
    Path header;
    try (Stream<Path> files = Files.list(dir)) {
      header = files.filter(p -> HeaderFile.matches(p.getFileName().toString())).findFirst().get();
    }
    byte[] b = Files.readAllBytes(header);
    b[b.length - 1] ^= 1;
    Files.write(header, b);

    try (DiskBacklog reopened = DiskBacklog.open(dir, PLENTY)) {
      assertThat(reopened.oldest(100)).isEmpty();
      assertThat(reopened.stats().bytes()).isZero();
    }
    assertThat(files()).isEmpty();
  }

  @Test
  void aFragmentWhoseBytesNoLongerMatchTheirChecksumIsDroppedWhenRead() throws Exception {
    try (DiskBacklog backlog = DiskBacklog.open(dir, PLENTY)) {
      List<Produced> evicted = new EvictionRig(STORE_BYTES, backlog).fragments(8).evicted();
      backlog.flush(10, TimeUnit.SECONDS);
      Produced victim = evicted.get(1);
      Path file = dir.resolve(FragmentFile.name(victim.timecode));
      byte[] b = Files.readAllBytes(file);
      b[FragmentFile.PREAMBLE + 100] ^= 0x40;
      Files.write(file, b);

      assertThatThrownBy(() -> backlog.read(victim.entry()))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("checksum");
      assertThat(file).doesNotExist();
      assertThat(backlog.oldest(100)).doesNotContain(victim.entry());
      assertThat(backlog.stats().fragmentsDropped()).isEqualTo(1);
      assertThat(backlog.stats().framesDropped()).isEqualTo(EvictionRig.FRAMES_PER_FRAGMENT);
    }
  }

  @Test
  void aHeaderSharedByManyFragmentsIsStoredOnceAndEachFormatGetsItsOwn() throws Exception {
    try (DiskBacklog backlog = DiskBacklog.open(dir, PLENTY)) {
      EvictionRig rig = new EvictionRig(STORE_BYTES, backlog).fragments(5);
      rig.switchFormat().fragments(8);
      backlog.flush(10, TimeUnit.SECONDS);
      List<Produced> evicted = rig.evicted();
      assertThat(evicted.stream().map(p -> p.header).distinct()).hasSize(2);
      assertThat(evicted).hasSizeGreaterThan(8);

      assertMatches(backlog, evicted);
      assertThat(headerFiles()).hasSize(2);
      assertThat(backlog.oldest(100).stream().map(BacklogEntry::headerKey).distinct()).hasSize(2);
    }
    try (DiskBacklog reopened = DiskBacklog.open(dir, PLENTY)) {
      assertThat(reopened.oldest(100).stream().map(BacklogEntry::headerKey).distinct())
          .as("keys hash the header bytes, so they survive a restart")
          .hasSize(2);
    }
  }

  @Test
  void theKvsParserLibraryReadsEachHeaderAndFragmentInOrder() throws Exception {
    try (DiskBacklog backlog = DiskBacklog.open(dir, PLENTY)) {
      EvictionRig rig = new EvictionRig(STORE_BYTES, backlog).fragments(4);
      rig.switchFormat().fragments(6);
      backlog.flush(10, TimeUnit.SECONDS);

      ByteArrayOutputStream stream = new ByteArrayOutputStream();
      List<BacklogEntry> entries = backlog.oldest(100);
      for (BacklogEntry e : entries) {
        stream.writeBytes(backlog.header(e));
        ByteBuffer b = backlog.read(e);
        stream.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
      }
      KvsParserCheck.Result r = KvsParserCheck.read(new ByteArrayInputStream(stream.toByteArray()));

      assertThat(r.problems()).isEmpty();
      assertThat(r.clusters()).isEqualTo(entries.size());
      assertThat(r.keyframes()).isEqualTo(entries.size());
      assertThat(r.frames()).isEqualTo(entries.size() * EvictionRig.FRAMES_PER_FRAGMENT);
    }
  }

  @Test
  void closeWritesWhatTheHandOffHoldsAndLaterEvictionsAreCountedAsDropped() throws Exception {
    DiskBacklog backlog = DiskBacklog.open(dir, PLENTY);
    EvictionRig rig = new EvictionRig(STORE_BYTES, backlog).fragments(8);
    backlog.close();
    backlog.close();
    List<Produced> written = rig.evicted();
    assertMatches(backlog, written);

    rig.fragments(2);
    assertThat(backlog.stats().fragmentsDropped()).isEqualTo(2);
    assertThat(backlog.oldest(100)).hasSameSizeAs(written);
  }

  // ---- helpers ----

  private static void assertMatches(DiskBacklog backlog, List<Produced> expected)
      throws IOException {
    List<BacklogEntry> entries = backlog.oldest(1000);
    assertThat(entries).containsExactlyElementsOf(expected.stream().map(Produced::entry).toList());
    assertThat(backlog.oldest(2)).isEqualTo(entries.subList(0, Math.min(2, entries.size())));
    for (int i = 0; i < entries.size(); i++) {
      BacklogEntry e = entries.get(i);
      Produced p = expected.get(i);
      ByteBuffer b = backlog.read(e);
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      assertThat(bytes).as("fragment %s", e.fragmentTimecodeMillis()).isEqualTo(p.bytes());
      assertThat(backlog.header(e)).isEqualTo(p.header.bytes());
    }
  }

  /** The bytes the fragments and their distinct headers take on disk. */
  private static long expectedBytes(List<Produced> fragments) {
    long n = 0;
    for (Produced p : fragments) {
      n += FragmentFile.PREAMBLE + p.bytes.size();
    }
    n += fragments.stream().map(p -> p.header).distinct().mapToLong(h -> h.bytes().length).sum();
    return n;
  }

  private static List<Produced> longestSuffixWithin(List<Produced> all, long limit) {
    int from = all.size();
    while (from > 0 && expectedBytes(all.subList(from - 1, all.size())) <= limit) {
      from--;
    }
    return all.subList(from, all.size());
  }

  private long directoryBytes() throws IOException {
    long n = 0;
    for (Path p : files()) {
      n += Files.size(p);
    }
    return n;
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  private List<Path> headerFiles() throws IOException {
    return files().stream().filter(p -> HeaderFile.matches(p.getFileName().toString())).toList();
  }

  private static int run(String... command) throws InterruptedException {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor();
    } catch (IOException e) {
      return -1;
    }
  }
}
