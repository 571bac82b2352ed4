package io.camappliance.kvs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camappliance.emulator.Emulator;
import io.camappliance.emulator.EmulatorSettings;
import io.camappliance.emulator.admin.AdminClient;
import io.camappliance.media.PackagedFrame;
import io.camappliance.media.PackagedSink;
import io.camappliance.media.StreamHeader;
import io.camappliance.mkv.FragmentMetadata;
import io.camappliance.mkv.Fragmenter;
import io.camappliance.mkv.FragmenterSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** PutMedia against the real emulator in-process, with MKV from the appliance's own fragmenter. */
@Timeout(30)
class PutMediaConnectionTest {
  private static final String STREAM = "cam-0001";
  private static final int GOP = 45; // one fragment per 1.5 s at 30 fps
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private Emulator emulator;
  private AdminClient admin;
  private final RecordingListener listener = new RecordingListener();
  private final List<Long> fragmentTimecodes = new ArrayList<>();
  private final long t0Micros = (System.currentTimeMillis() - 20_000) * 1000;

  @BeforeEach
  void startEmulator() throws IOException {
    emulator = Emulator.start(EmulatorSettings.defaults(dir));
    emulator.streams().createStream(STREAM, null, "video/h264", null, 24, Map.of());
    admin = new AdminClient(emulator.endpoint());
  }

  @AfterEach
  void stopEmulator() {
    emulator.close();
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().startsWith("putmedia-acks-") && t.isAlive());
  }

  private PutMediaRequest request(String stream) {
    return new PutMediaRequest(
        emulator.endpoint(), EmulatorSettings.DEFAULT_REGION, stream, Instant.now());
  }

  private static Supplier<AwsCredentialsIdentity> credentials(String secret) {
    return () -> AwsCredentialsIdentity.create(EmulatorSettings.DEFAULT_ACCESS_KEY_ID, secret);
  }

  private PutMediaConnection open(String stream) throws PutMediaException {
    return PutMediaConnection.open(
        request(stream), credentials(EmulatorSettings.DEFAULT_SECRET_ACCESS_KEY), listener);
  }

  /** The fragmenter writing each header and frame to {@code connection} as one chunk. */
  private Fragmenter fragmenter(PutMediaConnection connection) {
    PackagedSink sink =
        new PackagedSink() {
          @Override
          public void onHeader(StreamHeader header) {
            send(header.buffer());
          }

          @Override
          public void onFrame(PackagedFrame frame) {
            if (frame.fragmentStart()) {
              fragmentTimecodes.add(frame.fragmentTimecodeMillis());
            }
            send(frame.bytes().duplicate());
          }

          @Override
          public void onEnd() {}

          private void send(ByteBuffer b) {
            try {
              connection.write(b);
            } catch (PutMediaException e) {
              throw new UncheckedIOException(e);
            }
          }
        };
    return new Fragmenter(
        FragmenterSettings.DEFAULTS, new FragmentMetadata(), () -> true, List.of(sink));
  }

  /**
   * The emulator's server dispatches a chunked request once its first body bytes arrive; the
   * service answers the headers alone. A producer sends the stream header at once anyway.
   */
  private void sendFirstBytes(PutMediaConnection c) {
    try {
      c.write(ByteBuffer.wrap(new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3}));
    } catch (PutMediaException refusedAlready) {
      // the listener has it
    }
  }

  private static boolean is(Ack a, AckEventType type, long timecode) {
    return a.eventType() == type && a.fragmentTimecode() == timecode;
  }

  @Test
  void everyFragmentIsBufferedReceivedAndPersistedWithAcksArrivingWhileTheBodyIsOpen()
      throws Exception {
    try (PutMediaConnection c = open(STREAM)) {
      Fragmenter f = fragmenter(c);
      int frame = 0;
      for (; frame <= GOP; frame++) { // fragment 1 and the key frame that completes it
        f.onFrame(TestFrames.frame(frame, t0Micros, GOP));
      }
      long first = fragmentTimecodes.get(0);
      assertThat(listener.awaitAck(a -> is(a, AckEventType.PERSISTED, first), WAIT)).isTrue();
      int acksBeforeFinish = listener.acks().size();

      for (; frame < 3 * GOP; frame++) {
        f.onFrame(TestFrames.frame(frame, t0Micros, GOP));
      }
      f.end();
      c.finish();
      assertThat(listener.awaitDone(WAIT)).isTrue();
      assertThat(c.awaitEnd(WAIT)).isTrue();

      assertThat(acksBeforeFinish).isGreaterThanOrEqualTo(3);
      assertThat(fragmentTimecodes).hasSize(3);
      for (long tc : fragmentTimecodes) {
        List<AckEventType> types =
            listener.acks().stream()
                .filter(a -> a.fragmentTimecode() == tc)
                .map(Ack::eventType)
                .toList();
        assertThat(types)
            .as("ACKs of fragment %d", tc)
            .containsExactly(AckEventType.BUFFERING, AckEventType.RECEIVED, AckEventType.PERSISTED);
      }
      assertThat(listener.acks()).allMatch(a -> !a.fragmentNumber().isEmpty());
      assertThat(listener.ends).hasValue(1);
      assertThat(listener.failures).hasValue(0);
      assertThat(c.malformedAcks()).isZero();
      assertThat(admin.stream(STREAM).fragments()).hasSize(3);
    }
    assertThat(listener.ends).hasValue(1);
  }

  @Test
  void anUnknownStreamIsRefusedAsResourceNotFound() throws Exception {
    try (PutMediaConnection c = open("no-such-stream")) {
      sendFirstBytes(c);
      assertThat(listener.awaitDone(WAIT)).isTrue();
      PutMediaException f = listener.failure;
      assertThat(f.httpStatus()).isEqualTo(404);
      assertThat(f.errorType()).isEqualTo("ResourceNotFoundException");
      assertThat(f.errorClass()).isEqualTo(ErrorClass.STREAM_STOPPED);
      assertThat(f.getMessage()).contains("no-such-stream").contains("not found");
      assertThatThrownBy(() -> c.write(ByteBuffer.wrap(new byte[] {1}))).isSameAs(f);
    }
    assertThat(listener.failures).hasValue(1);
    assertThat(listener.ends).hasValue(0);
  }

  @Test
  void aWrongSecretIsRefusedAsAnAuthFailure() throws Exception {
    try (PutMediaConnection c =
        PutMediaConnection.open(request(STREAM), credentials("not-the-secret"), listener)) {
      sendFirstBytes(c);
      assertThat(listener.awaitDone(WAIT)).isTrue();
      PutMediaException f = listener.failure;
      assertThat(f.httpStatus()).isEqualTo(403);
      assertThat(f.errorType()).isEqualTo("InvalidSignatureException");
      assertThat(f.errorClass()).isEqualTo(ErrorClass.AUTH);
      assertThat(f.getMessage()).contains("check the credentials");
    }
    assertThat(listener.failures).hasValue(1);
  }

  @Test
  void aConnectionCutMidBodyIsReportedOnceAsAConnectionFailure() throws Exception {
    admin.cutNextConnection(3_000);
    PutMediaConnection c = open(STREAM);
    Fragmenter f = fragmenter(c);
    int written = 0;
    long deadline = System.nanoTime() + WAIT.toNanos();
    try {
      for (; listener.failures.get() == 0 && System.nanoTime() < deadline; written++) {
        f.onFrame(TestFrames.frame(written, t0Micros, GOP));
        if (written % GOP == 0) {
          Thread.sleep(10);
        }
      }
    } catch (UncheckedIOException expected) {
      assertThat(expected.getCause()).isInstanceOf(PutMediaException.class);
    }
    assertThat(listener.awaitDone(WAIT)).isTrue();
    assertThat(c.awaitEnd(WAIT)).isTrue();
    PutMediaException failure = listener.failure;
    assertThat(failure.errorType()).isEqualTo(PutMediaException.CONNECTION_LOST);
    assertThat(failure.errorClass()).isEqualTo(ErrorClass.RECONNECT);
    assertThatThrownBy(() -> c.write(ByteBuffer.wrap(new byte[] {1})))
        .isInstanceOf(PutMediaException.class);
    c.close();
    c.close();
    assertThat(listener.failures).hasValue(1);
    assertThat(listener.ends).hasValue(0);
    assertThat(listener.acks()).noneMatch(a -> a.eventType() == AckEventType.PERSISTED);
  }

  @Test
  void anInjectedErrorAckArrivesWithItsIdAndClass() throws Exception {
    admin.errorOnFragment(2, 5001, STREAM);
    try (PutMediaConnection c = open(STREAM)) {
      Fragmenter f = fragmenter(c);
      try {
        for (int i = 0; i < 4 * GOP && listener.ends.get() == 0; i++) {
          f.onFrame(TestFrames.frame(i, t0Micros, GOP));
        }
        f.end();
        c.finish();
      } catch (UncheckedIOException | PutMediaException endedByTheService) {
        // the service ends the response after an ERROR ack; later writes may fail
      }
      assertThat(listener.awaitAck(a -> a.eventType() == AckEventType.ERROR, WAIT)).isTrue();
      Ack error =
          listener.acks().stream()
              .filter(a -> a.eventType() == AckEventType.ERROR)
              .findFirst()
              .orElseThrow();
      assertThat(error.errorId()).isEqualTo(5001);
      assertThat(error.error().code()).isEqualTo("ARCHIVAL_ERROR");
      assertThat(error.error().errorClass()).isEqualTo(ErrorClass.RETRY);
      assertThat(error.fragmentTimecode()).isEqualTo(fragmentTimecodes.get(1));
      assertThat(listener.awaitDone(WAIT)).isTrue();
    }
    assertThat(listener.ends.get() + listener.failures.get()).isEqualTo(1);
  }

  @Test
  void anUnreachableEndpointFailsTheOpenAsReconnect() throws Exception {
    int port = emulator.port();
    emulator.close();
    PutMediaRequest r =
        new PutMediaRequest(
            java.net.URI.create("http://127.0.0.1:" + port),
            EmulatorSettings.DEFAULT_REGION,
            STREAM,
            Instant.now());
    assertThatThrownBy(
            () ->
                PutMediaConnection.open(
                    r, credentials(EmulatorSettings.DEFAULT_SECRET_ACCESS_KEY), listener))
        .isInstanceOfSatisfying(
            PutMediaException.class,
            e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.RECONNECT));
    assertThat(listener.failures).hasValue(0);
  }
}
