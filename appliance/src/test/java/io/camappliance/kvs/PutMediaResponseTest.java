package io.camappliance.kvs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** The response side of PutMedia against a scripted peer: framing, faults, exactly-once ends. */
@Timeout(20)
class PutMediaResponseTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Supplier<AwsCredentialsIdentity> CREDS =
      () -> AwsCredentialsIdentity.create("AKIDEXAMPLE", "secret");

  private final RecordingListener listener = new RecordingListener();

  private PutMediaConnection open(ScriptedServer s) throws PutMediaException {
    return PutMediaConnection.open(
        new PutMediaRequest(
            URI.create("http://127.0.0.1:" + s.port()), "us-west-2", "cam", Instant.now()),
        CREDS,
        listener);
  }

  @Test
  void reassemblesAcksSplitAcrossChunksWithExtensionsAndEndsOnce() throws Exception {
    try (ScriptedServer s =
            new ScriptedServer(
                null,
                (in, out) -> {
                  ScriptedServer.send(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
                  ScriptedServer.send(out, "a;ext=1\r\n{\"EventTyp\r\n");
                  ScriptedServer.send(out, "e\r\ne\":\"IDLE\"}\r\n{\"\r\n");
                  ScriptedServer.send(out, "0b\r\nEventType\":\r\n");
                  ScriptedServer.send(out, "9\r\n\"IDLE\"}\n\n\r\n0\r\nTrailer: x\r\n\r\n");
                });
        PutMediaConnection c = open(s)) {
      assertThat(listener.awaitDone(WAIT)).isTrue();
      assertThat(listener.acks())
          .containsExactly(
              new Ack(AckEventType.IDLE, "", 0, 0), new Ack(AckEventType.IDLE, "", 0, 0));
      assertThat(listener.ends).hasValue(1);
      assertThat(listener.failures).hasValue(0);
      assertThat(s.awaitHead())
          .startsWith("POST /putMedia HTTP/1.1\r\n")
          .contains("Transfer-Encoding: chunked\r\n");
    }
    assertThat(listener.ends).hasValue(1);
  }

  @Test
  void sendsEachWriteAsOneChunkAndTheLastChunkOnFinish() throws Exception {
    StringBuilder body = new StringBuilder();
    try (ScriptedServer s =
        new ScriptedServer(
            null,
            (in, out) -> {
              ScriptedServer.send(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
              int c;
              while ((c = in.read()) >= 0) {
                body.append((char) c);
                if (body.toString().endsWith("0\r\n\r\n")) {
                  break;
                }
              }
              ScriptedServer.send(out, "0\r\n\r\n");
            })) {
      PutMediaConnection c = open(s);
      c.write(ByteBuffer.wrap("hello".getBytes()));
      c.write(ByteBuffer.allocateDirect(20).put("0123456789abcdefghij".getBytes()).flip());
      c.write(ByteBuffer.allocate(0));
      c.finish();
      assertThat(listener.awaitDone(WAIT)).isTrue();
      c.close();
      assertThat(c.bytesWritten()).isEqualTo(25);
    }
    assertThat(body.toString()).isEqualTo("5\r\nhello\r\n14\r\n0123456789abcdefghij\r\n0\r\n\r\n");
    assertThat(listener.ends).hasValue(1);
  }

  @Test
  void aConnectionClosedInsideAChunkIsAConnectionFailure() throws Exception {
    try (ScriptedServer s =
            new ScriptedServer(
                null,
                (in, out) -> {
                  ScriptedServer.send(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
                  ScriptedServer.send(out, "40\r\n{\"EventType\":\"IDLE\"}\n");
                });
        PutMediaConnection c = open(s)) {
      assertThat(listener.awaitDone(WAIT)).isTrue();
      assertThat(listener.failure.errorType()).isEqualTo(PutMediaException.CONNECTION_LOST);
      assertThat(listener.failure.errorClass()).isEqualTo(ErrorClass.RECONNECT);
      assertThat(listener.acks()).hasSize(1);
    }
    assertThat(listener.failures).hasValue(1);
    assertThat(listener.ends).hasValue(0);
  }

  @Test
  void aBadChunkSizeIsAProtocolError() throws Exception {
    try (ScriptedServer s =
            new ScriptedServer(
                null,
                (in, out) -> {
                  ScriptedServer.send(
                      out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
                  Thread.sleep(200);
                });
        PutMediaConnection c = open(s)) {
      assertThat(listener.awaitDone(WAIT)).isTrue();
      assertThat(listener.failure.errorType()).isEqualTo(PutMediaException.PROTOCOL_ERROR);
      assertThat(listener.failure.getMessage()).contains("'zz'");
    }
    assertThat(listener.failures).hasValue(1);
  }

  @Test
  void aThrottlingRefusalWithANamespacedTypeIsThrottled() throws Exception {
    String body = "{\"message\":\"Slow down.\"}";
    try (ScriptedServer s =
            new ScriptedServer(
                null,
                (in, out) ->
                    ScriptedServer.send(
                        out,
                        "HTTP/1.1 400 Bad Request\r\n"
                            + "x-amzn-ErrorType: ClientLimitExceededException:http://internal/\r\n"
                            + "Content-Length: "
                            + body.length()
                            + "\r\n\r\n"
                            + body));
        PutMediaConnection c = open(s)) {
      assertThat(listener.awaitDone(WAIT)).isTrue();
      assertThat(listener.failure.errorType()).isEqualTo("ClientLimitExceededException");
      assertThat(listener.failure.errorClass()).isEqualTo(ErrorClass.THROTTLED);
      assertThat(listener.failure.getMessage()).contains("Slow down.");
    }
  }

  @Test
  void closingByTheOwnerEndsOnceWithoutAFailure() throws Exception {
    try (ScriptedServer s =
        new ScriptedServer(
            null,
            (in, out) -> {
              ScriptedServer.send(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
              while (in.read() >= 0) {
                // until the producer goes away
              }
            })) {
      PutMediaConnection c = open(s);
      s.awaitHead();
      c.close();
      c.close();
      assertThat(c.awaitEnd(WAIT)).isTrue();
      assertThat(listener.ends).hasValue(1);
      assertThat(listener.failures).hasValue(0);
    }
  }
}
