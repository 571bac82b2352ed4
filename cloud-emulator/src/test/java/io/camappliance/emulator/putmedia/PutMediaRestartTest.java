package io.camappliance.emulator.putmedia;

import static io.camappliance.emulator.putmedia.PutMediaAcksTest.nonIdle;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camappliance.emulator.media.FragmentRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class PutMediaRestartTest {
  private static final long T0 = 1_700_000_000_000L;

  @TempDir Path dir;

  @Test
  void storedFragmentsAndFragmentNumberingSurviveARestart() throws Exception {
    List<FragmentRecord> before;
    String lastNumber;
    try (PutMediaServer server = new PutMediaServer(dir, PutMediaServer.fast())) {
      server.streams.add("cam", 24);
      List<JsonNode> acks = send(server, new TestMkv().header(1).fragments(T0, 2, 3, 40, 0));
      lastNumber = acks.get(acks.size() - 1).get("FragmentNumber").asText();
      before = server.store.fragments("cam");
    }
    try (PutMediaServer server = new PutMediaServer(dir, PutMediaServer.fast())) {
      server.streams.add("cam", 24);
      assertThat(server.store.fragments("cam")).isEqualTo(before);
      assertThat(server.store.readBytes(before.get(0))).hasSize((int) before.get(0).sizeBytes());
      List<JsonNode> acks =
          send(server, new TestMkv().header(1).fragments(T0 + 10_000, 1, 3, 40, 6));
      assertThat(acks.get(0).get("FragmentNumber").asText()).isGreaterThan(lastNumber);
      assertThat(server.store.fragments("cam")).hasSize(3);
    }
  }

  private static List<JsonNode> send(PutMediaServer server, TestMkv mkv) throws Exception {
    try (RawPutMedia c = RawPutMedia.open(server.port(), "cam")) {
      c.send(mkv.bytes());
      c.finish();
      return nonIdle(c.acksUntilEnd(Duration.ofSeconds(5)));
    }
  }
}
