package io.camappliance.emulator.putmedia;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.emulator.auth.AuthFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The HTTP errors answered before the 200 (kvs-putmedia.md §7). */
@Timeout(30)
class PutMediaRequestErrorsTest {
  @TempDir Path dir;

  static Stream<Arguments> badHeaders() {
    return Stream.of(
        Arguments.of(
            "no stream named", (Consumer<Map<String, String>>) h -> h.remove("x-amzn-stream-name")),
        Arguments.of(
            "both name and ARN",
            (Consumer<Map<String, String>>)
                h ->
                    h.put(
                        "x-amzn-stream-arn",
                        "arn:aws:kinesisvideo:us-west-2:123456789012:stream/cam/1700000000000")),
        Arguments.of(
            "an unknown timecode type",
            (Consumer<Map<String, String>>) h -> h.put("x-amzn-fragment-timecode-type", "LOCAL")),
        Arguments.of(
            "RELATIVE without a start timestamp",
            (Consumer<Map<String, String>>)
                h -> {
                  h.put("x-amzn-fragment-timecode-type", "RELATIVE");
                  h.remove("x-amzn-producer-start-timestamp");
                }),
        Arguments.of(
            "a start timestamp that is not a number",
            (Consumer<Map<String, String>>)
                h -> h.put("x-amzn-producer-start-timestamp", "yesterday")),
        Arguments.of(
            "a stream name with a slash",
            (Consumer<Map<String, String>>) h -> h.put("x-amzn-stream-name", "a/b")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badHeaders")
  void badHeadersGetInvalidArgumentException(String what, Consumer<Map<String, String>> change)
      throws Exception {
    try (PutMediaServer server = new PutMediaServer(dir, PutMediaServer.fast())) {
      server.streams.add("cam", 24);
      Map<String, String> h = RawPutMedia.headers("cam");
      change.accept(h);
      try (RawPutMedia c = new RawPutMedia(server.port(), h, 0)) {
        assertThat(c.status()).isEqualTo(400);
        assertThat(c.header("x-amzn-ErrorType")).isEqualTo("InvalidArgumentException");
        assertThat(c.header("x-amzn-RequestId")).isNotBlank();
        assertThat(c.errorBody()).startsWith("{\"Message\":\"");
      }
    }
  }

  @Test
  void anUnknownStreamGetsResourceNotFound() throws Exception {
    try (PutMediaServer server = new PutMediaServer(dir, PutMediaServer.fast());
        RawPutMedia c = new RawPutMedia(server.port(), RawPutMedia.headers("nope"), 0)) {
      assertThat(c.status()).isEqualTo(404);
      assertThat(c.header("x-amzn-ErrorType")).isEqualTo("ResourceNotFoundException");
      assertThat(c.errorBody())
          .isEqualTo("{\"Message\":\"The requested stream is not found or not active.\"}");
    }
  }

  @Test
  void aStreamNamedByArnIsFound() throws Exception {
    try (PutMediaServer server = new PutMediaServer(dir, PutMediaServer.fast())) {
      String arn = server.streams.add("cam", 24).streamArn();
      Map<String, String> h = RawPutMedia.headers("cam");
      h.remove("x-amzn-stream-name");
      h.put("x-amzn-stream-arn", arn);
      try (RawPutMedia c = new RawPutMedia(server.port(), h, -1)) {
        c.send(new TestMkv().header(1).fragments(1_700_000_000_000L, 1, 2, 40, 0).bytes());
        c.finish();
        assertThat(c.status()).isEqualTo(200);
        assertThat(PutMediaAcksTest.nonIdle(c.acksUntilEnd(Duration.ofSeconds(5)))).hasSize(3);
      }
    }
  }

  @Test
  void anAuthorizerRefusalIsAnsweredWithItsStatusTypeAndMessage() throws Exception {
    String[] askedFor = new String[1];
    try (PutMediaServer server =
        new PutMediaServer(
            dir,
            PutMediaServer.fast(),
            Duration.ofMinutes(45),
            (ctx, name) -> {
              askedFor[0] = name;
              return Optional.of(
                  new AuthFailure(403, "InvalidSignatureException", "The signature is wrong."));
            })) {
      server.streams.add("cam", 24);
      try (RawPutMedia c = new RawPutMedia(server.port(), RawPutMedia.headers("cam"), 0)) {
        assertThat(c.status()).isEqualTo(403);
        assertThat(c.header("x-amzn-ErrorType")).isEqualTo("InvalidSignatureException");
        assertThat(c.errorBody()).contains("The signature is wrong.");
      }
      assertThat(askedFor[0]).isEqualTo("cam");
    }
  }

  @Test
  void tooManyCallsPerSecondGetClientLimitExceeded() throws Exception {
    PutMediaSettings two =
        PutMediaServer.fast().withConnectionLimits(2, 100, 0, Duration.ofMillis(300));
    try (PutMediaServer server = new PutMediaServer(dir, two)) {
      server.streams.add("cam", 24);
      int[] statuses = new int[3];
      String type = null;
      for (int i = 0; i < 3; i++) {
        try (RawPutMedia c = new RawPutMedia(server.port(), RawPutMedia.headers("cam"), 0)) {
          statuses[i] = c.status();
          type = c.header("x-amzn-ErrorType");
        }
      }
      assertThat(statuses).containsExactly(200, 200, 400);
      assertThat(type).isEqualTo("ClientLimitExceededException");
    }
  }

  @Test
  void moreConnectionsThanTheLimitGetConnectionLimitExceeded() throws Exception {
    PutMediaSettings one =
        PutMediaServer.fast().withConnectionLimits(100, 1, 0, Duration.ofMillis(300));
    try (PutMediaServer server = new PutMediaServer(dir, one)) {
      server.streams.add("a", 24);
      server.streams.add("b", 24);
      try (RawPutMedia first = RawPutMedia.open(server.port(), "a")) {
        first.send(new TestMkv().header(1).bytes());
        assertThat(first.status()).isEqualTo(200);
        try (RawPutMedia second = new RawPutMedia(server.port(), RawPutMedia.headers("b"), 0)) {
          assertThat(second.status()).isEqualTo(400);
          assertThat(second.header("x-amzn-ErrorType"))
              .isEqualTo("ConnectionLimitExceededException");
        }
      }
    }
  }
}
