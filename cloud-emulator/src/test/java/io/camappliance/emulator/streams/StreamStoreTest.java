package io.camappliance.emulator.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamStoreTest {
  static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_588_143_003_893L), ZoneOffset.UTC);

  @TempDir Path dir;

  StreamStore open() throws Exception {
    return StreamStore.open(dir, "us-west-2", "123456789012", CLOCK);
  }

  @Test
  void namesStreamsAndChannelsWithTheServicesArnFormat() throws Exception {
    StreamStore s = open();
    assertThat(s.createStream("cam", null, null, null, 0, Map.of()).streamArn())
        .isEqualTo("arn:aws:kinesisvideo:us-west-2:123456789012:stream/cam/1588143003893");
    assertThat(s.createChannel("cam", "SINGLE_MASTER", 60, Map.of()).channelArn())
        .isEqualTo("arn:aws:kinesisvideo:us-west-2:123456789012:channel/cam/1588143003893");
    assertThat(Arns.name("arn:aws:kinesisvideo:us-west-2:123456789012:stream/cam/1588143003893"))
        .isEqualTo("cam");
    assertThat(Arns.name("arn:aws:s3:::cam")).isNull();
  }

  @Test
  void findsAgainAfterReopeningEverythingItWasTold() throws Exception {
    StreamStore s = open();
    StreamInfo a = s.createStream("a", "dev", "video/h264", "key", 5, Map.of("t", "1"));
    s.tagStream("a", Map.of("u", "2"));
    StreamInfo a2 = s.updateDataRetention("a", a.version(), 3);
    s.createStream("gone", null, null, null, 0, Map.of());
    s.deleteStream("gone", null);
    ChannelInfo c = s.createChannel("c", "SINGLE_MASTER", 30, Map.of("k", "v"));

    StreamStore reopened = open();
    assertThat(reopened.byName("a")).contains(a2);
    assertThat(reopened.byArn(a.streamArn())).contains(a2);
    assertThat(reopened.streamTags("a")).isEqualTo(Map.of("t", "1", "u", "2"));
    assertThat(reopened.byName("gone")).isEmpty();
    assertThat(reopened.channelByArn(c.channelArn())).contains(c);
    assertThat(reopened.channelTags("c")).isEqualTo(Map.of("k", "v"));
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("state.json");
    }
  }

  @Test
  void changesTheVersionOnEveryUpdateAndChecksIt() throws Exception {
    StreamStore s = open();
    StreamInfo v1 = s.createStream("a", null, null, null, 0, Map.of());
    StreamInfo v2 = s.updateStream("a", v1.version(), "dev", null);
    assertThat(v2.version()).isNotEqualTo(v1.version()).matches("[a-zA-Z0-9]{20}");
    assertThatThrownBy(() -> s.updateDataRetention("a", v1.version(), 1))
        .isInstanceOf(StoreException.class)
        .extracting(e -> ((StoreException) e).kind())
        .isEqualTo(StoreException.Kind.VERSION_MISMATCH);
    assertThatThrownBy(() -> s.updateDataRetention("a", v2.version(), 87_601))
        .extracting(e -> ((StoreException) e).kind())
        .isEqualTo(StoreException.Kind.OUT_OF_RANGE);
  }

  @Test
  void keepsAtMostFiftyTags() throws Exception {
    StreamStore s = open();
    s.createStream("a", null, null, null, 0, Map.of("k0", "v"));
    Map<String, String> more = new java.util.HashMap<>();
    for (int i = 1; i < 50; i++) {
      more.put("k" + i, "v");
    }
    s.tagStream("a", more);
    assertThat(s.streamTags("a")).hasSize(50);
    assertThatThrownBy(() -> s.tagStream("a", Map.of("k50", "v")))
        .extracting(e -> ((StoreException) e).kind())
        .isEqualTo(StoreException.Kind.TAG_LIMIT);
    s.tagStream("a", Map.of("k0", "replaced"));
    assertThat(s.streamTags("a")).containsEntry("k0", "replaced").hasSize(50);
  }

  @Test
  void createsEachNameOnceUnderConcurrentCalls() throws Exception {
    StreamStore s = open();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String name = "s" + (i % 10);
        results.add(
            pool.submit(
                () -> {
                  try {
                    s.createStream(name, null, null, null, 0, Map.of());
                    return true;
                  } catch (StoreException e) {
                    return false;
                  }
                }));
      }
      long created = 0;
      for (Future<Boolean> f : results) {
        created += f.get() ? 1 : 0;
      }
      assertThat(created).isEqualTo(10);
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(open().streams()).hasSize(10);
  }
}
