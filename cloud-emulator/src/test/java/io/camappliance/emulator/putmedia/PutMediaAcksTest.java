package io.camappliance.emulator.putmedia;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.kinesisvideo.parser.ebml.InputStreamParserByteSource;
import com.amazonaws.kinesisvideo.parser.mkv.MkvElement;
import com.amazonaws.kinesisvideo.parser.mkv.MkvStartMasterElement;
import com.amazonaws.kinesisvideo.parser.mkv.StreamingMkvReader;
import com.fasterxml.jackson.databind.JsonNode;
import io.camappliance.emulator.media.FragmentRecord;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class PutMediaAcksTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final long T0 = 1_700_000_000_000L;

  @TempDir Path dir;

  @Test
  void everyFragmentGetsBufferingReceivedAndPersistedInOrder() throws Exception {
    try (PutMediaServer server = new PutMediaServer(dir, PutMediaServer.fast())) {
      server.streams.add("cam", 24);
      byte[] body = new TestMkv().header(1).fragments(T0, 3, 5, 40, 100).bytes();
      List<JsonNode> acks;
      try (RawPutMedia c = RawPutMedia.open(server.port(), "cam")) {
        c.send(body);
        c.finish();
        assertThat(c.status()).isEqualTo(200);
        acks = nonIdle(c.acksUntilEnd(WAIT));
      }
      assertThat(acks)
          .extracting(a -> a.get("EventType").asText())
          .containsExactly(
              "BUFFERING",
              "RECEIVED",
              "PERSISTED",
              "BUFFERING",
              "RECEIVED",
              "PERSISTED",
              "BUFFERING",
              "RECEIVED",
              "PERSISTED");
      assertThat(acks)
          .extracting(a -> a.get("FragmentTimecode").asLong())
          .containsExactly(T0, T0, T0, T0 + 200, T0 + 200, T0 + 200, T0 + 400, T0 + 400, T0 + 400);
      assertThat(acks.get(0).get("FragmentNumber").isTextual()).isTrue();
      String n1 = acks.get(0).get("FragmentNumber").asText();
      String n2 = acks.get(3).get("FragmentNumber").asText();
      assertThat(n1).matches("[0-9]{47}");
      assertThat(n2).isGreaterThan(n1);

      List<FragmentRecord> stored = server.store.fragments("cam");
      assertThat(stored).hasSize(3);
      assertThat(stored.get(0).frameCount()).isEqualTo(5);
      assertThat(stored.get(0).firstSequence()).isEqualTo(100);
      assertThat(stored.get(2).lastSequence()).isEqualTo(114);
      assertThat(stored.get(0).producerTimestamp().toEpochMilli()).isEqualTo(T0);
      assertThat(stored.get(0).durationMillis()).isEqualTo(200);
    }
  }

  @Test
  void acksArriveWhileTheChunkedBodyIsStillOpen() throws Exception {
    try (PutMediaServer server = new PutMediaServer(dir, PutMediaServer.fast())) {
      server.streams.add("cam", 24);
      try (RawPutMedia c = RawPutMedia.open(server.port(), "cam")) {
        c.send(new TestMkv().header(1).bytes());
        assertThat(c.status()).isEqualTo(200);
        c.send(new TestMkv().fragments(T0, 1, 3, 40, 0).bytes());
        assertThat(c.nextNonIdle(WAIT).get("EventType").asText()).isEqualTo("BUFFERING");
        // The next Cluster proves the first complete: RECEIVED and PERSISTED before the body ends.
        c.send(new TestMkv().fragments(T0 + 120, 1, 3, 40, 3).bytes());
        assertThat(c.nextNonIdle(WAIT).get("EventType").asText()).isEqualTo("RECEIVED");
        assertThat(c.nextNonIdle(WAIT).get("EventType").asText()).isEqualTo("PERSISTED");
        assertThat(c.nextNonIdle(WAIT).get("EventType").asText()).isEqualTo("BUFFERING");
        c.finish();
        assertThat(nonIdle(c.acksUntilEnd(WAIT)))
            .extracting(a -> a.get("EventType").asText())
            .containsExactly("RECEIVED", "PERSISTED");
      }
    }
  }

  @Test
  void aBodyWithContentLengthIsAcceptedToo() throws Exception {
    try (PutMediaServer server = new PutMediaServer(dir, PutMediaServer.fast())) {
      server.streams.add("cam", 24);
      byte[] body = new TestMkv().header(1).fragments(T0, 2, 3, 40, 0).bytes();
      try (RawPutMedia c =
          new RawPutMedia(server.port(), RawPutMedia.headers("cam"), body.length)) {
        c.send(body);
        assertThat(nonIdle(c.acksUntilEnd(WAIT))).hasSize(6);
      }
    }
  }

  @Test
  void noPersistedAckWhenTheStreamKeepsNoData() throws Exception {
    try (PutMediaServer server = new PutMediaServer(dir, PutMediaServer.fast())) {
      server.streams.add("cam", 0);
      try (RawPutMedia c = RawPutMedia.open(server.port(), "cam")) {
        c.send(new TestMkv().header(1).fragments(T0, 2, 3, 40, 0).bytes());
        c.finish();
        assertThat(nonIdle(c.acksUntilEnd(WAIT)))
            .extracting(a -> a.get("EventType").asText())
            .containsExactly("BUFFERING", "RECEIVED", "BUFFERING", "RECEIVED");
      }
    }
  }

  @Test
  void relativeTimecodesAreAnsweredAsSentAndStoredFromTheStartTimestamp() throws Exception {
    try (PutMediaServer server = new PutMediaServer(dir, PutMediaServer.fast())) {
      server.streams.add("cam", 24);
      var h = RawPutMedia.headers("cam");
      h.put("x-amzn-fragment-timecode-type", "RELATIVE");
      h.put("x-amzn-producer-start-timestamp", "1700000000.5");
      try (RawPutMedia c = new RawPutMedia(server.port(), h, -1)) {
        c.send(new TestMkv().header(1).fragments(1000, 1, 3, 40, 0).bytes());
        c.finish();
        assertThat(nonIdle(c.acksUntilEnd(WAIT)).get(0).get("FragmentTimecode").asLong())
            .isEqualTo(1000);
      }
      assertThat(server.store.fragments("cam").get(0).producerTimestamp().toEpochMilli())
          .isEqualTo(1_700_000_000_500L + 1000);
    }
  }

  @Test
  void noAcksWhenTheProducerAsksForNoneButErrorsStillArrive() throws Exception {
    try (PutMediaServer server = new PutMediaServer(dir, PutMediaServer.fast())) {
      server.streams.add("cam", 24);
      var h = RawPutMedia.headers("cam");
      h.put("x-amzn-fragment-acknowledgment-required", "0");
      try (RawPutMedia c = new RawPutMedia(server.port(), h, -1)) {
        c.send(new TestMkv().header(1).fragments(T0, 2, 3, 40, 0).bytes());
        c.send(new TestMkv().fragments(T0 - 5000, 1, 3, 40, 0).bytes());
        c.finish();
        List<JsonNode> acks = c.acksUntilEnd(WAIT);
        assertThat(acks).hasSize(1);
        assertThat(acks.get(0).get("ErrorId").asInt()).isEqualTo(4004);
      }
      assertThat(server.store.fragments("cam")).hasSize(2);
    }
  }

  @Test
  void aStoredChunkIsTheSessionHeaderTheTagsAndTheClusterAsOneMkv() throws Exception {
    try (PutMediaServer server = new PutMediaServer(dir, PutMediaServer.fast())) {
      server.streams.add("cam", 24);
      byte[] body =
          new TestMkv()
              .header(1)
              .fragments(T0, 1, 3, 40, 0)
              .tags("note", "second")
              .fragments(T0 + 120, 1, 4, 40, 3)
              .bytes();
      try (RawPutMedia c = RawPutMedia.open(server.port(), "cam")) {
        c.send(body);
        c.finish();
        assertThat(nonIdle(c.acksUntilEnd(WAIT))).hasSize(6);
      }
      FragmentRecord second = server.store.fragments("cam").get(1);
      List<String> names = new ArrayList<>();
      int blocks = 0;
      StreamingMkvReader r =
          StreamingMkvReader.createDefault(
              new InputStreamParserByteSource(
                  new ByteArrayInputStream(server.store.readBytes(second))));
      while (r.mightHaveNext()) {
        Optional<MkvElement> e = r.nextIfAvailable();
        if (e.isPresent() && e.get() instanceof MkvStartMasterElement m) {
          names.add(m.getElementMetaData().getTypeInfo().getName());
        } else if (e.isPresent()
            && e.get().getElementMetaData().getTypeInfo().getName().equals("SimpleBlock")) {
          blocks++;
        }
      }
      assertThat(names).containsSubsequence("EBML", "Segment", "Info", "Tracks", "Tags", "Cluster");
      assertThat(names).containsOnlyOnce("Cluster");
      assertThat(blocks).isEqualTo(4);
      assertThat(second.sizeBytes()).isEqualTo(server.store.readBytes(second).length);
    }
  }

  static List<JsonNode> nonIdle(List<JsonNode> acks) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode a : acks) {
      if (!"IDLE".equals(a.get("EventType").asText())) {
        out.add(a);
      }
    }
    return out;
  }
}
