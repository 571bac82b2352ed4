package io.camappliance.emulator.putmedia;

import static io.camappliance.emulator.putmedia.PutMediaAcksTest.nonIdle;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class PutMediaRobustnessTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final long T0 = 1_700_000_000_000L;

  @TempDir Path dir;

  @Test
  void malformedMkvOnOneStreamEndsOnlyThatConnection() throws Exception {
    try (PutMediaServer server = new PutMediaServer(dir, PutMediaServer.fast())) {
      server.streams.add("good", 24);
      server.streams.add("bad", 24);
      try (RawPutMedia good = RawPutMedia.open(server.port(), "good");
          RawPutMedia bad = RawPutMedia.open(server.port(), "bad")) {
        good.send(new TestMkv().header(1).fragments(T0, 1, 2, 40, 0).bytes());
        assertThat(good.nextNonIdle(WAIT).get("EventType").asText()).isEqualTo("BUFFERING");

        bad.send(new TestMkv().header(1).bytes());
        bad.send(new byte[] {0x00, 0x00, 0x00, 0x00}); // an ID may not start with 0x00
        List<JsonNode> badAcks = nonIdle(bad.acksUntilEnd(WAIT));
        assertThat(badAcks).hasSize(1);
        assertThat(badAcks.get(0).get("ErrorId").asInt()).isEqualTo(4006);

        good.send(new TestMkv().fragments(T0 + 1000, 1, 2, 40, 2).bytes());
        assertThat(good.nextNonIdle(WAIT).get("EventType").asText()).isEqualTo("RECEIVED");
        assertThat(good.nextNonIdle(WAIT).get("EventType").asText()).isEqualTo("PERSISTED");
        assertThat(good.nextNonIdle(WAIT).get("EventType").asText()).isEqualTo("BUFFERING");
      }
    }
  }

  @Test
  void aHugeDeclaredElementIsRefusedBeforeAnyOfItArrives() throws Exception {
    PutMediaSettings limits = PutMediaServer.fast().withMaxElementBytes(64 * 1024);
    try (PutMediaServer server = new PutMediaServer(dir, limits)) {
      server.streams.add("cam", 24);
      try (RawPutMedia c = RawPutMedia.open(server.port(), "cam")) {
        c.send(new TestMkv().header(1).cluster(T0).bytes());
        // A SimpleBlock declaring 1 TB; only its header is sent.
        c.send(new byte[] {(byte) 0xA3, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00});
        List<JsonNode> acks = nonIdle(c.acksUntilEnd(WAIT));
        JsonNode last = acks.get(acks.size() - 1);
        assertThat(last.get("ErrorId").asInt()).isEqualTo(4006);
      }
    }
  }

  @Test
  void anEndlessEbmlHeaderIsRefused() throws Exception {
    try (PutMediaServer server = new PutMediaServer(dir, PutMediaServer.fast())) {
      server.streams.add("cam", 24);
      try (RawPutMedia c = RawPutMedia.open(server.port(), "cam")) {
        c.send(TestMkv.unknownSize(0x1A45DFA3L));
        c.send(new byte[1000]);
        List<JsonNode> acks = nonIdle(c.acksUntilEnd(WAIT));
        assertThat(acks).hasSize(1);
        assertThat(acks.get(0).get("ErrorId").asInt()).isEqualTo(4006);
      }
    }
  }

  @Test
  void anIdleConnectionGetsIdleAcksAndIsClosed() throws Exception {
    PutMediaSettings limits =
        PutMediaServer.fast().withIdle(Duration.ofMillis(100), Duration.ofMillis(800));
    try (PutMediaServer server = new PutMediaServer(dir, limits)) {
      server.streams.add("cam", 24);
      try (RawPutMedia c = RawPutMedia.open(server.port(), "cam")) {
        c.send(new TestMkv().header(1).fragments(T0, 1, 2, 40, 0).bytes());
        List<JsonNode> acks = c.acksUntilEnd(WAIT);
        assertThat(acks)
            .extracting(a -> a.get("EventType").asText())
            .startsWith("BUFFERING")
            .contains("IDLE");
        assertThat(acks.stream().filter(a -> a.get("EventType").asText().equals("IDLE")))
            .allSatisfy(a -> assertThat(a.size()).isEqualTo(1));
      }
      // The fragment in progress was never completed: nothing stored.
      assertThat(server.store.fragments("cam")).isEmpty();
      assertThat(activeConnectionsOnceSettled(server)).isZero();
    }
  }

  @Test
  void aNewerConnectionTakesTheStreamOverAndTheOlderEndsAtItsNextCluster() throws Exception {
    try (PutMediaServer server = new PutMediaServer(dir, PutMediaServer.fast())) {
      server.streams.add("cam", 24);
      try (RawPutMedia older = RawPutMedia.open(server.port(), "cam")) {
        older.send(new TestMkv().header(1).fragments(T0, 1, 2, 40, 0).bytes());
        assertThat(older.nextNonIdle(WAIT).get("EventType").asText()).isEqualTo("BUFFERING");
        try (RawPutMedia newer = RawPutMedia.open(server.port(), "cam")) {
          newer.send(new TestMkv().header(1).fragments(T0 + 5000, 1, 2, 40, 10).bytes());
          newer.finish();
          assertThat(nonIdle(newer.acksUntilEnd(WAIT))).hasSize(3);
        }
        Thread.sleep(400); // past the grace
        older.trySend(new TestMkv().fragments(T0 + 1000, 1, 2, 40, 2).bytes());
        // The older still acknowledges the fragment it had sent, then ends.
        assertThat(nonIdle(older.acksUntilEnd(WAIT)))
            .extracting(a -> a.get("EventType").asText())
            .containsExactly("RECEIVED", "PERSISTED");
      }
      assertThat(server.store.fragments("cam")).hasSize(2);
    }
  }

  @Test
  void fragmentsFasterThanTheQuotaAreReadLaterNotRefused() throws Exception {
    PutMediaSettings twoPerSecond =
        PutMediaServer.fast()
            .withFragmentLimits(50_000_000L, Duration.ofSeconds(20), Duration.ZERO, 2);
    try (PutMediaServer server = new PutMediaServer(dir, twoPerSecond)) {
      server.streams.add("cam", 24);
      try (RawPutMedia c = RawPutMedia.open(server.port(), "cam")) {
        c.send(new TestMkv().header(1).fragments(T0, 3, 2, 40, 0).bytes());
        c.finish();
        assertThat(nonIdle(c.acksUntilEnd(WAIT))).hasSize(9);
      }
      List<io.camappliance.emulator.media.FragmentRecord> f = server.store.fragments("cam");
      // The third Cluster was only read once the first left the one-second window.
      assertThat(
              Duration.between(f.get(0).serverTimestamp(), f.get(2).serverTimestamp()).toMillis())
          .isGreaterThanOrEqualTo(990);
    }
  }

  @Test
  void aBodyFasterThanTheBandwidthQuotaIsReadMoreSlowly() throws Exception {
    byte[] body = new TestMkv().header(1).fragments(T0, 3, 10, 40, 0).bytes();
    long bytesPerSecond = body.length; // the whole body may take one second
    PutMediaSettings slow =
        PutMediaServer.fast()
            .withConnectionLimits(1000, 100, bytesPerSecond, Duration.ofMillis(300));
    try (PutMediaServer server = new PutMediaServer(dir, slow)) {
      server.streams.add("cam", 24);
      try (RawPutMedia c = RawPutMedia.open(server.port(), "cam")) {
        c.send(body);
        c.finish();
        assertThat(nonIdle(c.acksUntilEnd(WAIT))).hasSize(9);
      }
      List<io.camappliance.emulator.media.FragmentRecord> f = server.store.fragments("cam");
      // The third Cluster starts past two thirds of the body: read no earlier than ~0.6 s in.
      assertThat(
              Duration.between(f.get(0).serverTimestamp(), f.get(2).serverTimestamp()).toMillis())
          .isGreaterThanOrEqualTo(500);
    }
  }

  @Test
  void closingTheServerLeavesNoPutMediaThreads() throws Exception {
    try (PutMediaServer server = new PutMediaServer(dir, PutMediaServer.fast())) {
      server.streams.add("cam", 24);
      RawPutMedia open = RawPutMedia.open(server.port(), "cam");
      open.send(new TestMkv().header(1).fragments(T0, 1, 2, 40, 0).bytes());
      assertThat(open.nextNonIdle(WAIT).get("EventType").asText()).isEqualTo("BUFFERING");
      server.close();
      assertThat(open.acksUntilEnd(WAIT)).isEmpty();
      assertThat(activeConnectionsOnceSettled(server)).isZero();
      open.close();
    }
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().equals("putmedia-timer") && t.isAlive());
  }

  @Test
  void theGuardRefusesWithoutBufferingTheDeclaredSize() throws Exception {
    EbmlGuard guard = new EbmlGuard(1024);
    byte[] header = TestMkv.ebmlHeader();
    guard.accept(header, 0, header.length);
    byte[] huge = {(byte) 0xA3, 0x01, 0x7F, -1, -1, -1, -1, -1, -1};
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> guard.accept(huge, 0, huge.length))
        .isInstanceOf(MalformedMkvException.class)
        .hasMessageContaining("at most 1024 accepted");
  }

  /** The request thread unregisters a connection just after its response ends. */
  private static int activeConnectionsOnceSettled(PutMediaServer server)
      throws InterruptedException {
    for (int i = 0; i < 100 && server.handler.activeConnections() > 0; i++) {
      Thread.sleep(20);
    }
    return server.handler.activeConnections();
  }
}
