package io.camappliance.emulator.putmedia;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty producers stream at once for five minutes (one fragment a second each, in real time):
 * every fragment is received and persisted, and the heap after a full GC does not grow beyond the
 * index entries of the fragments stored. {@code -Dsoak.seconds=N} shortens it for a quick local
 * run.
 */
class PutMediaSoakTest {
  private static final int STREAMS = 20;
  private static final int FRAMES_PER_FRAGMENT = 10;
  private static final int FRAME_INTERVAL_MS = 100;
  private static final long ALLOWED_GROWTH_BYTES = 16L * 1024 * 1024;

  @Test
  @Timeout(900)
  void twentyStreamsForFiveMinutesKeepMemoryFlat(@TempDir Path dir) throws Exception {
    long seconds = Long.getLong("soak.seconds", 300);
    long warmUp = Math.min(60, seconds / 5);
    try (PutMediaServer server = new PutMediaServer(dir.resolve("data"), PutMediaServer.fast())) {
      ExecutorService pool = Executors.newFixedThreadPool(2 * STREAMS);
      AtomicLong received = new AtomicLong();
      AtomicLong persisted = new AtomicLong();
      AtomicLong errors = new AtomicLong();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      List<Future<Long>> producers = new ArrayList<>();
      for (int s = 0; s < STREAMS; s++) {
        String name = "soak" + s;
        server.streams.add(name, 24);
        RawPutMedia put = RawPutMedia.open(server.port(), name);
        pool.submit(() -> readAcks(put, received, persisted, errors));
        producers.add(pool.submit(() -> produce(put, deadline)));
      }

      Thread.sleep(TimeUnit.SECONDS.toMillis(warmUp));
      long heapAfterWarmUp = heapAfterGc();
      long sent = 0;
      for (Future<Long> p : producers) {
        sent += p.get(seconds + 60, TimeUnit.SECONDS);
      }
      long heapAtEnd = heapAfterGc();
      pool.shutdown();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

      System.out.printf(
          "soak: %d streams, %d s, %d fragments sent, %d received, %d persisted, heap after GC"
              + " %.1f MB after warm-up, %.1f MB at the end%n",
          STREAMS,
          seconds,
          sent,
          received.get(),
          persisted.get(),
          heapAfterWarmUp / 1e6,
          heapAtEnd / 1e6);
      assertThat(errors.get()).isZero();
      assertThat(received.get()).isEqualTo(sent);
      assertThat(persisted.get()).isEqualTo(sent);
      assertThat(heapAtEnd - heapAfterWarmUp).isLessThan(ALLOWED_GROWTH_BYTES);
      assertThat(server.handler.activeConnections()).isZero();
    }
  }

  /** Sends one fragment a second until the deadline, then ends the body; returns fragments sent. */
  private static long produce(RawPutMedia put, long deadline) throws Exception {
    put.send(new TestMkv().header(1).bytes());
    long start = System.currentTimeMillis();
    long fragments = 0;
    long seq = 0;
    while (System.nanoTime() < deadline) {
      long timecode = start + fragments * FRAMES_PER_FRAGMENT * FRAME_INTERVAL_MS;
      put.send(
          new TestMkv()
              .fragments(timecode, 1, FRAMES_PER_FRAGMENT, FRAME_INTERVAL_MS, seq)
              .bytes());
      seq += FRAMES_PER_FRAGMENT;
      fragments++;
      long next = start + fragments * FRAMES_PER_FRAGMENT * FRAME_INTERVAL_MS;
      Thread.sleep(Math.max(0, next - System.currentTimeMillis()));
    }
    put.finish();
    return fragments;
  }

  private static Void readAcks(
      RawPutMedia put, AtomicLong received, AtomicLong persisted, AtomicLong errors)
      throws Exception {
    assertThat(put.status()).isEqualTo(200);
    for (JsonNode ack : put.acksUntilEnd(Duration.ofMinutes(20))) {
      switch (ack.path("EventType").asText()) {
        case "RECEIVED" -> received.incrementAndGet();
        case "PERSISTED" -> persisted.incrementAndGet();
        case "ERROR" -> errors.incrementAndGet();
        default -> {}
      }
    }
    put.close();
    return null;
  }

  private static long heapAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
