package io.camappliance.emulator.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FragmentStoreTest {
  @TempDir Path dir;

  private FragmentRecord put(FragmentStore s, String stream, long producerMillis, byte[] bytes)
      throws Exception {
    PendingFragment p = s.begin(stream, s.nextFragmentNumber());
    p.write(ByteBuffer.wrap(bytes));
    return s.commit(
        p,
        new FragmentFacts(
            producerMillis,
            Instant.ofEpochMilli(producerMillis),
            Instant.ofEpochMilli(producerMillis + 50),
            1000));
  }

  @Test
  void fragmentsAndTheirNumbersSurviveAReopen() throws Exception {
    FragmentStore s = FragmentStore.open(dir);
    FragmentRecord a = put(s, "cam", 1000, new byte[] {1, 2, 3});
    FragmentRecord b = put(s, "cam", 2000, new byte[] {4, 5});
    FragmentStore again = FragmentStore.open(dir);
    assertThat(again.fragments("cam")).containsExactly(a, b);
    assertThat(again.readBytes(b)).containsExactly(4, 5);
    String next = again.nextFragmentNumber();
    assertThat(next).hasSize(47).isGreaterThan(b.fragmentNumber());
  }

  @Test
  void listsByProducerAndServerTimeRanges() throws Exception {
    FragmentStore s = FragmentStore.open(dir);
    put(s, "cam", 1000, new byte[1]);
    FragmentRecord mid = put(s, "cam", 2000, new byte[1]);
    put(s, "cam", 3000, new byte[1]);
    put(s, "other", 2000, new byte[1]);
    assertThat(s.byProducerTime("cam", Instant.ofEpochMilli(1500), Instant.ofEpochMilli(2500)))
        .containsExactly(mid);
    assertThat(s.byServerTime("cam", Instant.ofEpochMilli(2050), Instant.ofEpochMilli(2050)))
        .containsExactly(mid);
    assertThat(s.streams()).containsExactly("cam", "other");
  }

  @Test
  void aResentProducerTimestampIsMarkedDuplicate() throws Exception {
    FragmentStore s = FragmentStore.open(dir);
    assertThat(put(s, "cam", 1000, new byte[1]).duplicate()).isFalse();
    assertThat(put(s, "cam", 1000, new byte[1]).duplicate()).isTrue();
  }

  @Test
  void aDiscardedFragmentLeavesNothingAndATornIndexLineIsSkipped() throws Exception {
    FragmentStore s = FragmentStore.open(dir);
    FragmentRecord kept = put(s, "cam", 1000, new byte[1]);
    PendingFragment p = s.begin("cam", s.nextFragmentNumber());
    p.write(ByteBuffer.wrap(new byte[10]));
    p.discard();
    Files.writeString(
        dir.resolve("fragments/cam/index.jsonl"),
        "{\"number\":\"91",
        java.nio.file.StandardOpenOption.APPEND);
    FragmentStore again = FragmentStore.open(dir);
    assertThat(again.fragments("cam")).containsExactly(kept);
    try (var files = Files.list(dir.resolve("fragments/cam"))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder("index.jsonl", kept.fragmentNumber() + ".mkv");
    }
  }

  @Test
  void streamNamesThatWouldLeaveTheDirectoryAreRefused() throws Exception {
    FragmentStore s = FragmentStore.open(dir);
    assertThatThrownBy(() -> s.begin("..", s.nextFragmentNumber()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
