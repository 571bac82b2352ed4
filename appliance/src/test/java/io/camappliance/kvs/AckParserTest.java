package io.camappliance.kvs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AckParserTest {
  private static final String NUMBER = "91343852333181432392682062622220590765191907586";

  private final List<Ack> acks = new ArrayList<>();
  private final AckParser parser = new AckParser(acks::add);

  private void feed(String s) {
    parser.feed(ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)));
  }

  static Stream<Arguments> wellFormedLines() {
    return Stream.of(
        Arguments.of(
            "{\"EventType\":\"BUFFERING\",\"FragmentTimecode\":1711124585823,\"FragmentNumber\":\""
                + NUMBER
                + "\"}",
            new Ack(AckEventType.BUFFERING, NUMBER, 1711124585823L, 0)),
        Arguments.of(
            "{\"EventType\":\"RECEIVED\",\"FragmentTimecode\":5,\"FragmentNumber\":\"7\"}",
            new Ack(AckEventType.RECEIVED, "7", 5, 0)),
        Arguments.of(
            "{\"EventType\":\"PERSISTED\",\"FragmentTimecode\":5,\"FragmentNumber\":\"7\"}",
            new Ack(AckEventType.PERSISTED, "7", 5, 0)),
        Arguments.of(
            "{\"EventType\":\"ERROR\",\"FragmentTimecode\":0,\"FragmentNumber\":\"9\","
                + "\"ErrorCode\":\"FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS\",\"ErrorId\":4004}",
            new Ack(AckEventType.ERROR, "9", 0, 4004)),
        Arguments.of(
            "{\"EventType\":\"ERROR\",\"FragmentTimecode\":-1,\"FragmentNumber\":\"\","
                + "\"ErrorCode\":\"INVALID_MKV_DATA\",\"ErrorId\":4006}",
            new Ack(AckEventType.ERROR, "", -1, 4006)),
        Arguments.of("{\"EventType\":\"IDLE\"}", new Ack(AckEventType.IDLE, "", 0, 0)),
        Arguments.of("{\"EventType\":\"SOMETHING_NEW\"}", new Ack(AckEventType.UNKNOWN, "", 0, 0)),
        Arguments.of(
            "  { \"EventType\" : \"RECEIVED\" , \"FragmentNumber\" : \"12\" ,"
                + " \"FragmentTimecode\" : 3 }  ",
            new Ack(AckEventType.RECEIVED, "12", 3, 0)),
        Arguments.of(
            "{\"Extra\":{\"a\":[1,{\"b\":\"}\"}]},\"EventType\":\"PERSISTED\",\"Flag\":true,"
                + "\"N\":null,\"F\":-1.5e3,\"S\":\"x\\\"y\",\"FragmentNumber\":\"1\"}",
            new Ack(AckEventType.PERSISTED, "1", 0, 0)),
        Arguments.of(
            "{\"EventType\":\"ERROR\",\"FragmentNumber\":123,\"ErrorId\":\"5001\"}",
            new Ack(AckEventType.ERROR, "123", 0, 5001)),
        Arguments.of(
            "Acknowledgement : {\"EventType\":\"IDLE\"}", new Ack(AckEventType.IDLE, "", 0, 0)),
        Arguments.of(
            "{\"EventType\":\"BUFF\\u0045RING\"}", new Ack(AckEventType.BUFFERING, "", 0, 0)));
  }

  @ParameterizedTest
  @MethodSource("wellFormedLines")
  void parsesEachWellFormedLine(String line, Ack expected) {
    feed(line + "\n");
    assertThat(acks).containsExactly(expected);
    assertThat(parser.malformed()).isZero();
  }

  static Stream<Arguments> malformedLines() {
    return Stream.of(
        Arguments.of("not json", "no '{'"),
        Arguments.of("{}", "empty object"),
        Arguments.of("{\"FragmentNumber\":\"1\"}", "no EventType"),
        Arguments.of("{\"EventType\":\"IDLE\",\"EventType\":\"IDLE\"}", "duplicate key EventType"),
        Arguments.of("{\"EventType\":\"IDLE\"", "line ended inside the object"),
        Arguments.of("{\"EventType\":IDLE}", "expected '\"'"),
        Arguments.of("{\"EventType\" \"IDLE\"}", "expected ':'"),
        Arguments.of("{\"EventType\":\"IDLE\";}", "expected ',' or '}'"),
        Arguments.of("{\"EventType\":\"IDLE\"} x", "text after the object"),
        Arguments.of(
            "{\"EventType\":\"ERROR\",\"FragmentTimecode\":99999999999999999999}",
            "FragmentTimecode 99999999999999999999"),
        Arguments.of(
            "{\"EventType\":\"ERROR\",\"FragmentTimecode\":9223372036854775808}", "overflows"),
        Arguments.of("{\"EventType\":\"ERROR\",\"ErrorId\":4294967296}", "outside int range"),
        Arguments.of("{\"EventType\":\"ERROR\",\"ErrorId\":1.5}", "ErrorId 1.5 is not an integer"),
        Arguments.of("{\"EventType\":\"ERR\\qOR\"}", "bad escape"),
        Arguments.of("{\"EventType\":\"IDLE\",\"X\":[[[}", "unterminated nested value"),
        Arguments.of("{\"EventType\":\"IDLE\",\"X\":}", "expected a value"));
  }

  @ParameterizedTest
  @MethodSource("malformedLines")
  void countsAMalformedLineWithItsReasonAndCarriesOn(String line, String reason) {
    feed(line + "\n{\"EventType\":\"IDLE\"}\n");
    assertThat(parser.malformed()).isEqualTo(1);
    assertThat(parser.lastProblem()).contains(reason);
    assertThat(acks).containsExactly(new Ack(AckEventType.IDLE, "", 0, 0));
  }

  @Test
  void joinsLinesSplitAtEveryByteAndAcceptsCrLfAndBlankLines() {
    String body =
        "{\"EventType\":\"BUFFERING\",\"FragmentTimecode\":10,\"FragmentNumber\":\"1\"}\r\n"
            + "\r\n\n"
            + "{\"EventType\":\"RECEIVED\",\"FragmentTimecode\":10,\"FragmentNumber\":\"1\"}\n"
            + "{\"EventType\":\"PERSISTED\",\"FragmentTimecode\":10,\"FragmentNumber\":\"1\"}";
    byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
    for (byte b : bytes) {
      parser.feed(new byte[] {b}, 0, 1);
    }
    assertThat(acks).hasSize(2);
    parser.end();
    assertThat(acks)
        .extracting(Ack::eventType)
        .containsExactly(AckEventType.BUFFERING, AckEventType.RECEIVED, AckEventType.PERSISTED);
    assertThat(parser.acks()).isEqualTo(3);
    assertThat(parser.malformed()).isZero();
  }

  @Test
  void deliversSeveralLinesFedInOneChunk() {
    feed("{\"EventType\":\"IDLE\"}\n{\"EventType\":\"IDLE\"}\n{\"EventType\":\"IDLE\"}\n");
    assertThat(acks).hasSize(3);
  }

  @Test
  void dropsALineLongerThanTheLimitWithoutBufferingIt() {
    String filler = "x".repeat(AckParser.MAX_LINE_BYTES * 3);
    feed("{\"EventType\":\"IDLE\",\"Pad\":\"" + filler + "\"}\n{\"EventType\":\"IDLE\"}\n");
    assertThat(parser.malformed()).isEqualTo(1);
    assertThat(parser.lastProblem()).contains("longer than 1024 bytes");
    assertThat(acks).hasSize(1);
  }

  @Test
  void acceptsALineOfExactlyTheLimit() {
    String head = "{\"EventType\":\"IDLE\",\"Pad\":\"";
    String tail = "\"}";
    String line =
        head + "y".repeat(AckParser.MAX_LINE_BYTES - head.length() - tail.length()) + tail;
    assertThat(line).hasSize(AckParser.MAX_LINE_BYTES);
    feed(line + "\n");
    assertThat(acks).hasSize(1);
    assertThat(parser.malformed()).isZero();
  }

  @Test
  void keepsAFragmentNumberLongerThanALongAsText() {
    String longNumber = "1".repeat(128);
    feed("{\"EventType\":\"PERSISTED\",\"FragmentNumber\":\"" + longNumber + "\"}\n");
    assertThat(acks.get(0).fragmentNumber()).isEqualTo(longNumber);
  }

  @Test
  void endWithNothingPendingDeliversNothing() {
    feed("{\"EventType\":\"IDLE\"}\n");
    parser.end();
    assertThat(acks).hasSize(1);
    assertThat(parser.malformed()).isZero();
  }
}
