package io.camappliance.emulator.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.kinesisvideo.parser.ebml.InputStreamParserByteSource;
import com.amazonaws.kinesisvideo.parser.mkv.Frame;
import com.amazonaws.kinesisvideo.parser.mkv.MkvElement;
import com.amazonaws.kinesisvideo.parser.mkv.StreamingMkvReader;
import com.amazonaws.kinesisvideo.parser.mkv.visitors.CompositeMkvElementVisitor;
import com.amazonaws.kinesisvideo.parser.utilities.FragmentMetadata;
import com.amazonaws.kinesisvideo.parser.utilities.FragmentMetadataVisitor;
import com.amazonaws.kinesisvideo.parser.utilities.FrameVisitor;
import com.amazonaws.kinesisvideo.parser.utilities.MkvTrackMetadata;
import com.amazonaws.services.kinesisvideo.AmazonKinesisVideoPutMedia;
import com.amazonaws.services.kinesisvideo.AmazonKinesisVideoPutMediaClientBuilder;
import com.amazonaws.services.kinesisvideo.PutMediaAckResponseHandler;
import com.amazonaws.services.kinesisvideo.model.AckEvent;
import com.amazonaws.services.kinesisvideo.model.PutMediaRequest;
import io.camappliance.emulator.Emulator;
import io.camappliance.emulator.EmulatorSettings;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.kinesisvideomedia.KinesisVideoMediaClient;

/**
 * An emulator with AWS's clients pointed at it: the SDK v1 PutMedia client to upload, the SDK v2
 * archived-media and media clients to read back, and the official parser library to parse.
 */
public final class ArchiveFixture implements AutoCloseable {
  /** A frame as the parser library saw it, with the fragment it came in. */
  public record ParsedFrame(
      long track, boolean key, byte[] data, Optional<FragmentMetadata> fragment) {}

  public final Emulator emulator;
  final AmazonKinesisVideoPutMedia putMedia;
  public final KinesisVideoArchivedMediaClient archived;
  final KinesisVideoMediaClient media;
  private int streams;

  public ArchiveFixture(Path dir) throws Exception {
    emulator = Emulator.start(EmulatorSettings.defaults(dir.resolve("data")));
    putMedia =
        AmazonKinesisVideoPutMediaClientBuilder.standard()
            .withEndpoint(emulator.endpoint())
            .withRegion(EmulatorSettings.DEFAULT_REGION)
            .withCredentials(
                new AWSStaticCredentialsProvider(
                    new BasicAWSCredentials(
                        EmulatorSettings.DEFAULT_ACCESS_KEY_ID,
                        EmulatorSettings.DEFAULT_SECRET_ACCESS_KEY)))
            .withNumberOfThreads(1)
            .build();
    StaticCredentialsProvider v2 =
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(
                EmulatorSettings.DEFAULT_ACCESS_KEY_ID,
                EmulatorSettings.DEFAULT_SECRET_ACCESS_KEY));
    archived =
        KinesisVideoArchivedMediaClient.builder()
            .endpointOverride(emulator.endpoint())
            .region(Region.of(EmulatorSettings.DEFAULT_REGION))
            .credentialsProvider(v2)
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    media =
        KinesisVideoMediaClient.builder()
            .endpointOverride(emulator.endpoint())
            .region(Region.of(EmulatorSettings.DEFAULT_REGION))
            .credentialsProvider(v2)
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  public String newStream(int retentionHours) {
    String name = "archive" + ++streams;
    emulator.streams().createStream(name, null, "video/h264", null, retentionHours, Map.of());
    return name;
  }

  /** Uploads an MKV file with PutMedia (RELATIVE timecodes) and waits for the last ACK. */
  public List<AckEvent> upload(String stream, Path mkv, Date producerStart) throws Exception {
    List<AckEvent> acks = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(1);
    try (InputStream in = Files.newInputStream(mkv)) {
      putMedia.putMedia(
          new PutMediaRequest()
              .withStreamName(stream)
              .withFragmentTimecodeType("RELATIVE")
              .withProducerStartTimestamp(producerStart)
              .withPayload(in),
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
    }
    return new ArrayList<>(acks);
  }

  /** Frames of a whole MKV stream, parsed with the parser library's visitors. */
  static List<ParsedFrame> frames(InputStream in) throws Exception {
    return frames(in, FragmentMetadataVisitor.create(), frames -> false);
  }

  /**
   * Frames of an MKV stream, parsed with the parser library's visitors until {@code done} says so
   * or the stream ends; {@code metadata} sees every element too.
   */
  static List<ParsedFrame> frames(
      InputStream in, FragmentMetadataVisitor metadata, Predicate<List<ParsedFrame>> done)
      throws Exception {
    List<ParsedFrame> frames = new ArrayList<>();
    FrameVisitor.FrameProcessor processor =
        new FrameVisitor.FrameProcessor() {
          @Override
          public void process(
              Frame frame, MkvTrackMetadata track, Optional<FragmentMetadata> fragment) {
            ByteBuffer d = frame.getFrameData();
            byte[] data = new byte[d.remaining()];
            d.get(data);
            frames.add(new ParsedFrame(frame.getTrackNumber(), frame.isKeyFrame(), data, fragment));
          }
        };
    CompositeMkvElementVisitor visitor =
        new CompositeMkvElementVisitor(metadata, FrameVisitor.create(processor));
    StreamingMkvReader reader =
        StreamingMkvReader.createDefault(new InputStreamParserByteSource(in));
    while (!done.test(frames) && reader.mightHaveNext()) {
      Optional<MkvElement> e = reader.nextIfAvailable();
      if (e.isPresent()) {
        e.get().accept(visitor);
      }
    }
    return frames;
  }

  /** 4 s of 30 fps H.264, a key frame (and a Cluster) every 30 frames; false without ffmpeg. */
  public static boolean h264Mkv(Path out, int width, int height) {
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
                  "testsrc=size=" + width + "x" + height + ":rate=30",
                  "-t",
                  "4",
                  "-c:v",
                  "libx264",
                  "-pix_fmt",
                  "yuv420p",
                  "-g",
                  "30",
                  "-bf",
                  "0",
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

  @Override
  public void close() {
    archived.close();
    media.close();
    putMedia.close();
    emulator.close();
  }
}
