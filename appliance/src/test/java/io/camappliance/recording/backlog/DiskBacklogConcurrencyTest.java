package io.camappliance.recording.backlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.recording.backlog.EvictionRig.Produced;
import io.camappliance.store.BacklogEntry;
import io.camappliance.store.BacklogStats;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DiskBacklogConcurrencyTest {
  @TempDir Path dir;

  @Test
  @Timeout(30)
  void anUploaderReadingAndRemovingWhileFragmentsArriveSeesWholeFragmentsAndTheCountsAddUp()
      throws Exception {
    Map<Long, byte[]> uploaded = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    EvictionRig rig;
    try (DiskBacklog backlog = DiskBacklog.open(dir, 40_000)) {
      Thread uploader =
          new Thread(
              () -> {
                try {
                  while (!stop.get()) {
                    for (BacklogEntry e : backlog.oldest(2)) {
                      try {
                        backlog.header(e);
                        ByteBuffer b = backlog.read(e);
                        byte[] bytes = new byte[b.remaining()];
                        b.get(bytes);
                        uploaded.put(e.fragmentTimecodeMillis(), bytes);
                        backlog.remove(e.fragmentTimecodeMillis());
                      } catch (NoSuchFileException dropped) {
                        // the size limit dropped it meanwhile
                      }
                    }
                    Thread.onSpinWait();
                  }
                } catch (Throwable t) {
                  failure.set(t);
                }
              });
      uploader.start();
      rig = new EvictionRig(16 * 1024, backlog).fragments(40);
      assertThat(backlog.flush(20, TimeUnit.SECONDS)).isTrue();
      stop.set(true);
      uploader.join();

      assertThat(failure.get()).isNull();
      BacklogStats s = backlog.stats();
      assertThat(s.fragmentsAdded()).isEqualTo(rig.evicted().size());
      assertThat(s.fragmentsAdded())
          .isEqualTo(s.fragments() + s.fragmentsRemoved() + s.fragmentsDropped());
      assertThat(uploaded).isNotEmpty();
      for (Map.Entry<Long, byte[]> u : uploaded.entrySet()) {
        Produced p = rig.produced.get(u.getKey());
        assertThat(u.getValue()).isEqualTo(p.bytes());
      }
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }
}
