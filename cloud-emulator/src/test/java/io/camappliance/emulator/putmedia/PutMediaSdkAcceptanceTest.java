package io.camappliance.emulator.putmedia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.kinesisvideo.parser.ebml.InputStreamParserByteSource;
import com.amazonaws.kinesisvideo.parser.mkv.MkvDataElement;
import com.amazonaws.kinesisvideo.parser.mkv.MkvElement;
import com.amazonaws.kinesisvideo.parser.mkv.MkvStartMasterElement;
import com.amazonaws.kinesisvideo.parser.mkv.StreamingMkvReader;
import com.amazonaws.services.kinesisvideo.AmazonKinesisVideoPutMedia;
import com.amazonaws.services.kinesisvideo.AmazonKinesisVideoPutMediaClientBuilder;
import com.amazonaws.services.kinesisvideo.PutMediaAckResponseHandler;
import com.amazonaws.services.kinesisvideo.model.AckEvent;
import com.amazonaws.services.kinesisvideo.model.PutMediaRequest;
import io.camappliance.emulator.Emulator;
import io.camappliance.emulator.EmulatorSettings;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * AWS's own PutMedia client (SDK for Java v1) against the whole emulator: streams from its control
 * plane, requests signed with SigV4 and checked by it, fragments in its store.
 */
@Timeout(60)
class PutMediaSdkAcceptanceTest {
  private static final long T0 = 1_700_000_000_000L;

  @TempDir static Path dir;
  private static Emulator server;
  private static AmazonKinesisVideoPutMedia client;
  private static int streams;

  @BeforeAll
  static void start() throws Exception {
    server =
        Emulator.start(
            EmulatorSettings.defaults(dir.resolve("data")).withPutMedia(PutMediaServer.fast()));
    // One client for the class: closing one waits out Netty's quiet period.
    client =
        AmazonKinesisVideoPutMediaClientBuilder.standard()
            .withEndpoint(server.endpoint())
            .withRegion(EmulatorSettings.DEFAULT_REGION)
            .withCredentials(
                new AWSStaticCredentialsProvider(
                    new BasicAWSCredentials(
                        EmulatorSettings.DEFAULT_ACCESS_KEY_ID,
                        EmulatorSettings.DEFAULT_SECRET_ACCESS_KEY)))
            .withNumberOfThreads(1)
            .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  private static String newStream() {
    String name = "cam" + ++streams;
    server.streams().createStream(name, null, "video/h264", null, 24, java.util.Map.of());
    return name;
  }

  @Test
  void anFfmpegFileGetsBufferingReceivedAndPersistedForEveryFragment() throws Exception {
    Path file = dir.resolve("clip.mkv");
    assumeTrue(ffmpeg(file), "ffmpeg with libx264 is not available");
    int clusters = clustersStartingOnKeyFrames(file);
    assertThat(clusters).isEqualTo(4);

    String stream = newStream();
    {
      List<AckEvent> acks;
      try (InputStream in = Files.newInputStream(file)) {
        acks =
            putMedia(
                new PutMediaRequest()
                    .withStreamName(stream)
                    .withFragmentTimecodeType("RELATIVE")
                    .withProducerStartTimestamp(new Date())
                    .withPayload(in));
      }
      Map<String, List<String>> byFragment = new LinkedHashMap<>();
      for (AckEvent a : acks) {
        if (!a.getAckEventType().toString().equals("IDLE")) {
          byFragment
              .computeIfAbsent(a.getFragmentNumber(), k -> new ArrayList<>())
              .add(a.getAckEventType().toString());
        }
      }
      assertThat(byFragment).hasSize(clusters);
      assertThat(byFragment.values())
          .allSatisfy(
              types -> assertThat(types).containsExactly("BUFFERING", "RECEIVED", "PERSISTED"));
      assertThat(server.fragments().fragments(stream)).hasSize(clusters);
      assertThat(server.fragments().fragments(stream).get(0).frameCount()).isEqualTo(30);
    }
  }

  static Stream<Arguments> craftedFiles() {
    byte[] frame = TestMkv.stampedFrame(1, 1);
    return Stream.of(
        Arguments.of("bad MKV", new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, 4006),
        Arguments.of(
            "timecode going backwards",
            new TestMkv()
                .header(1)
                .fragments(T0, 1, 3, 40, 0)
                .fragments(T0 - 5000, 1, 3, 40, 3)
                .bytes(),
            4004),
        Arguments.of(
            "fragment too long",
            new TestMkv()
                .header(1)
                .cluster(T0)
                .block(1, 0, true, frame)
                .block(1, 25_000, false, frame)
                .bytes(),
            4002),
        Arguments.of(
            "too many tags",
            new TestMkv()
                .header(1)
                .tags(
                    "1", "", "2", "", "3", "", "4", "", "5", "", "6", "", "7", "", "8", "", "9", "",
                    "10", "", "11", "")
                .fragments(T0, 1, 2, 40, 0)
                .bytes(),
            4009),
        Arguments.of(
            "AWS-prefixed tag",
            new TestMkv().header(1).tags("AWS_X", "1").fragments(T0, 1, 2, 40, 0).bytes(),
            4012),
        Arguments.of(
            "track mismatch",
            new TestMkv().header(1).cluster(T0).block(3, 0, true, frame).bytes(),
            4010),
        Arguments.of(
            "track without frames",
            new TestMkv().header(1, 2).fragments(T0, 1, 2, 40, 0).bytes(),
            4011),
        Arguments.of(
            "more than three tracks",
            new TestMkv().header(1, 2, 3, 4).fragments(T0, 1, 2, 40, 0).bytes(),
            4005));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("craftedFiles")
  void aCraftedBadFileGetsTheRightErrorId(String what, byte[] body, int errorId) throws Exception {
    {
      List<AckEvent> acks =
          putMedia(
              new PutMediaRequest()
                  .withStreamName(newStream())
                  .withFragmentTimecodeType("ABSOLUTE")
                  .withProducerStartTimestamp(new Date(T0))
                  .withPayload(new ByteArrayInputStream(body)));
      Optional<AckEvent> error =
          acks.stream().filter(a -> a.getAckEventType().toString().equals("ERROR")).findFirst();
      assertThat(error).isPresent();
      assertThat(error.get().getErrorId()).isEqualTo(errorId);
    }
  }

  private static List<AckEvent> putMedia(PutMediaRequest request) throws Exception {
    List<AckEvent> acks = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(1);
    client.putMedia(
        request,
        new PutMediaAckResponseHandler() {
          @Override
          public void onAckEvent(AckEvent event) {
            acks.add(event);
          }

          @Override
          public void onFailure(Throwable t) {
            done.countDown();
          }

          @Override
          public void onComplete() {
            done.countDown();
          }
        });
    assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    return new ArrayList<>(acks);
  }

  /** 4 s of 30 fps H.264, a key frame every 30 frames, one Cluster per GOP. */
  private static boolean ffmpeg(Path out) {
    try {
      Process p =
          new ProcessBuilder(
                  "ffmpeg",
                  "-hide_banner",
                  "-loglevel",
                  "error",
                  "-y",
                  "-f",
                  "lavfi",
                  "-i",
                  "testsrc=size=160x120:rate=30",
                  "-t",
                  "4",
                  "-c:v",
                  "libx264",
                  "-g",
                  "30",
                  "-bf",
                  "0",
                  "-pix_fmt",
                  "yuv420p",
                  "-cluster_time_limit",
                  "1000",
                  "-f",
                  "matroska",
                  out.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.size(out) > 0;
    } catch (Exception e) {
      return false;
    }
  }

  /** Counts Clusters, checking each starts with a key frame. */
  private static int clustersStartingOnKeyFrames(Path file) throws Exception {
    int clusters = 0;
    boolean expectKey = false;
    try (InputStream in = Files.newInputStream(file)) {
      StreamingMkvReader r = StreamingMkvReader.createDefault(new InputStreamParserByteSource(in));
      while (r.mightHaveNext()) {
        Optional<MkvElement> e = r.nextIfAvailable();
        if (e.isEmpty()) {
          continue;
        }
        int id = e.get().getElementMetaData().getTypeInfo().getId();
        if (e.get() instanceof MkvStartMasterElement && id == 0x1F43B675) {
          clusters++;
          expectKey = true;
        } else if (e.get() instanceof MkvDataElement d && id == 0xA3 && expectKey) {
          assertThat(d.getDataBuffer().get(3) & 0x80).as("first block of a Cluster").isNotZero();
          expectKey = false;
        }
      }
    }
    return clusters;
  }
}
