package io.camappliance.emulator.putmedia;

import static io.camappliance.emulator.putmedia.PutMediaAcksTest.nonIdle;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each rule of kvs-putmedia.md §6.1, broken once, answered with its ERROR and a closed response.
 */
@Timeout(30)
class PutMediaErrorAcksTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final long T0 = 1_700_000_000_000L;

  @TempDir Path dir;

  static Stream<Arguments> brokenBodies() {
    byte[] frame = TestMkv.stampedFrame(1, 1);
    return Stream.of(
        Arguments.of(
            "not MKV at all",
            "hello, this is not matroska".getBytes(StandardCharsets.US_ASCII),
            4006,
            ""),
        Arguments.of(
            "a second EBML header",
            new TestMkv().header(1).fragments(T0, 1, 2, 40, 0).header(1).bytes(),
            4006,
            "any"),
        Arguments.of(
            "a Cluster before Tracks",
            new TestMkv()
                .raw(TestMkv.ebmlHeader())
                .raw(TestMkv.unknownSize(0x18538067L))
                .cluster(T0)
                .block(1, 0, true, frame)
                .bytes(),
            4006,
            ""),
        Arguments.of(
            "timecode going backwards",
            new TestMkv()
                .header(1)
                .fragments(T0, 1, 3, 40, 0)
                .fragments(T0 - 1000, 1, 3, 40, 3)
                .bytes(),
            4004,
            "fragment"),
        Arguments.of(
            "next fragment starting at the previous one's last frame time",
            new TestMkv()
                .header(1)
                .fragments(T0, 1, 3, 40, 0)
                .cluster(T0 + 80)
                .block(1, 0, true, frame)
                .bytes(),
            4004,
            "fragment"),
        Arguments.of(
            "a fragment longer than 20 s",
            new TestMkv()
                .header(1)
                .cluster(T0)
                .block(1, 0, true, frame)
                .block(1, 21_000, false, frame)
                .bytes(),
            4002,
            "fragment"),
        Arguments.of(
            "eleven tags before one fragment",
            new TestMkv()
                .header(1)
                .tags(
                    "a", "1", "b", "2", "c", "3", "d", "4", "e", "5", "f", "6", "g", "7", "h", "8",
                    "i", "9", "j", "10", "k", "11")
                .fragments(T0, 1, 2, 40, 0)
                .bytes(),
            4009,
            "fragment"),
        Arguments.of(
            "a tag value over 256 bytes",
            new TestMkv()
                .header(1)
                .tags("note", "x".repeat(257))
                .fragments(T0, 1, 2, 40, 0)
                .bytes(),
            4009,
            "fragment"),
        Arguments.of(
            "a tag name with the reserved AWS prefix",
            new TestMkv().header(1).tags("AWS_MINE", "1").fragments(T0, 1, 2, 40, 0).bytes(),
            4012,
            "fragment"),
        Arguments.of(
            "four tracks",
            new TestMkv().header(1, 2, 3, 4).fragments(T0, 1, 2, 40, 0).bytes(),
            4005,
            ""),
        Arguments.of(
            "a block for an undeclared track",
            new TestMkv().header(1).cluster(T0).block(2, 0, true, frame).bytes(),
            4010,
            "fragment"),
        Arguments.of(
            "a declared track without frames",
            new TestMkv().header(1, 2).fragments(T0, 1, 2, 40, 0).bytes(),
            4011,
            "fragment"),
        Arguments.of(
            "a producer timestamp a day ahead",
            new TestMkv()
                .header(1)
                .fragments(System.currentTimeMillis() + 86_400_000L, 1, 2, 40, 0)
                .bytes(),
            4007,
            "fragment"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenBodies")
  void aBrokenBodyGetsItsErrorAndTheResponseEnds(
      String what, byte[] body, int errorId, String numbered) throws Exception {
    try (PutMediaServer server = new PutMediaServer(dir, PutMediaServer.fast())) {
      server.streams.add("cam", 24);
      List<JsonNode> acks = sendAll(server, body);
      JsonNode last = acks.get(acks.size() - 1);
      assertThat(last.get("EventType").asText()).isEqualTo("ERROR");
      assertThat(last.get("ErrorId").isNumber()).isTrue();
      assertThat(last.get("ErrorId").asInt()).isEqualTo(errorId);
      assertThat(last.get("ErrorCode").asText()).isEqualTo(AckError.byId(errorId).get().code());
      if (numbered.equals("fragment")) {
        assertThat(last.get("FragmentNumber").asText()).matches("[0-9]{47}");
      } else if (numbered.isEmpty()) {
        assertThat(last.get("FragmentNumber").asText()).isEmpty();
        assertThat(last.get("FragmentTimecode").asLong()).isEqualTo(-1);
      }
    }
  }

  @Test
  void producerEventTagsMayUseTheAwsPrefix() throws Exception {
    try (PutMediaServer server = new PutMediaServer(dir, PutMediaServer.fast())) {
      server.streams.add("cam", 24);
      byte[] body =
          new TestMkv()
              .header(1)
              .tags("AWS_KINESISVIDEO_NOTIFICATION", "")
              .fragments(T0, 1, 2, 40, 0)
              .bytes();
      assertThat(sendAll(server, body))
          .extracting(a -> a.get("EventType").asText())
          .containsExactly("BUFFERING", "RECEIVED", "PERSISTED");
    }
  }

  @Test
  void aFragmentOverTheSizeLimitGetsError4001() throws Exception {
    PutMediaSettings small =
        PutMediaServer.fast()
            .withFragmentLimits(2_000, Duration.ofSeconds(20), Duration.ZERO, 1000);
    try (PutMediaServer server = new PutMediaServer(dir, small)) {
      server.streams.add("cam", 24);
      List<JsonNode> acks =
          sendAll(server, new TestMkv().header(1).fragments(T0, 1, 60, 10, 0).bytes());
      assertThat(acks.get(acks.size() - 1).get("ErrorId").asInt()).isEqualTo(4001);
      assertThat(server.store.fragments("cam")).isEmpty();
    }
  }

  @Test
  void aFragmentUnderTheMinimumDurationGetsError4002WhenTheCheckIsOn() throws Exception {
    PutMediaSettings min =
        PutMediaServer.fast()
            .withFragmentLimits(50_000_000, Duration.ofSeconds(20), Duration.ofSeconds(1), 1000);
    try (PutMediaServer server = new PutMediaServer(dir, min)) {
      server.streams.add("cam", 24);
      List<JsonNode> acks =
          sendAll(server, new TestMkv().header(1).fragments(T0, 2, 3, 40, 0).bytes());
      JsonNode last = acks.get(acks.size() - 1);
      assertThat(last.get("ErrorId").asInt()).isEqualTo(4002);
      assertThat(last.get("ErrorCode").asText()).isEqualTo("MIN_FRAGMENT_DURATION_REACHED");
    }
  }

  @Test
  void aConnectionOlderThanTheMaximumGetsError4003() throws Exception {
    try (PutMediaServer server =
        new PutMediaServer(
            dir,
            PutMediaServer.fast(),
            Duration.ofMillis(500),
            (ctx, n) -> java.util.Optional.empty())) {
      server.streams.add("cam", 24);
      try (RawPutMedia c = RawPutMedia.open(server.port(), "cam")) {
        c.send(new TestMkv().header(1).fragments(T0, 1, 2, 40, 0).bytes());
        List<JsonNode> acks = nonIdle(c.acksUntilEnd(WAIT));
        JsonNode last = acks.get(acks.size() - 1);
        assertThat(last.get("ErrorId").asInt()).isEqualTo(4003);
      }
    }
  }

  @Test
  void aStreamDeletedDuringTheSessionGetsError4008() throws Exception {
    try (PutMediaServer server = new PutMediaServer(dir, PutMediaServer.fast())) {
      server.streams.add("cam", 24);
      try (RawPutMedia c = RawPutMedia.open(server.port(), "cam")) {
        c.send(new TestMkv().header(1).fragments(T0, 1, 2, 40, 0).bytes());
        assertThat(c.nextNonIdle(WAIT).get("EventType").asText()).isEqualTo("BUFFERING");
        server.streams.delete("cam");
        c.send(new TestMkv().fragments(T0 + 1000, 1, 2, 40, 2).bytes());
        List<JsonNode> acks = nonIdle(c.acksUntilEnd(WAIT));
        assertThat(acks.get(acks.size() - 1).get("ErrorId").asInt()).isEqualTo(4008);
      }
    }
  }

  private static List<JsonNode> sendAll(PutMediaServer server, byte[] body) throws Exception {
    try (RawPutMedia c = RawPutMedia.open(server.port(), "cam")) {
      c.trySend(body);
      c.finish();
      return nonIdle(c.acksUntilEnd(WAIT));
    } catch (java.io.IOException e) {
      throw e;
    }
  }
}
