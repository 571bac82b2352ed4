package io.camappliance.emulator.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.kinesisvideo.parser.utilities.FragmentMetadataVisitor;
import io.camappliance.emulator.archive.ArchiveFixture.ParsedFrame;
import io.camappliance.emulator.media.FragmentRecord;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.kinesisvideomedia.model.GetMediaResponse;
import software.amazon.awssdk.services.kinesisvideomedia.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisvideomedia.model.StartSelector;
import software.amazon.awssdk.services.kinesisvideomedia.model.StartSelectorType;

/**
 * AWS's SDK v2 media client against the emulator: GetMedia from each start selector gives back the
 * uploaded frames with the service's tags, and follows a live upload.
 */
@Timeout(60)
class GetMediaSdkTest {
  private static final long PRODUCER_START = 1_700_000_000_000L;

  @TempDir static Path dir;
  private static ArchiveFixture f;
  private static Path mkv;
  private static String stream;
  private static List<ParsedFrame> uploaded;
  private static List<FragmentRecord> stored;

  @BeforeAll
  static void upload() throws Exception {
    f = new ArchiveFixture(dir);
    mkv = dir.resolve("clip.mkv");
    assumeTrue(ArchiveFixture.h264Mkv(mkv, 160, 120), "ffmpeg with libx264 is not available");
    try (InputStream in = Files.newInputStream(mkv)) {
      uploaded = ArchiveFixture.frames(in);
    }
    stream = f.newStream(24);
    f.upload(stream, mkv, new Date(PRODUCER_START));
    stored = f.emulator.fragments().fragments(stream);
    assertThat(stored).hasSize(4);
  }

  @AfterAll
  static void stop() {
    if (f != null) {
      f.close();
    }
  }

  /** Reads GetMedia until the continuation token of fragment {@code last} has been seen. */
  private static List<ParsedFrame> getMedia(
      String streamName,
      Consumer<StartSelector.Builder> start,
      String last,
      FragmentMetadataVisitor m)
      throws Exception {
    try (ResponseInputStream<GetMediaResponse> in =
        f.media.getMedia(
            b -> b.streamName(streamName).startSelector(start),
            ResponseTransformer.toInputStream())) {
      assertThat(in.response().contentType()).isEqualTo("video/webm");
      List<ParsedFrame> frames =
          ArchiveFixture.frames(in, m, x -> m.getContinuationToken().equals(Optional.of(last)));
      in.abort();
      return frames;
    }
  }

  private static String number(int i) {
    return stored.get(i).fragmentNumber();
  }

  @Test
  void earliestGivesEveryUploadedFrameWithFragmentTagsAndContinuationTokens() throws Exception {
    FragmentMetadataVisitor m = FragmentMetadataVisitor.create();
    List<ParsedFrame> got =
        getMedia(stream, s -> s.startSelectorType(StartSelectorType.EARLIEST), number(3), m);
    assertThat(got).hasSameSizeAs(uploaded);
    for (int i = 0; i < got.size(); i++) {
      assertThat(got.get(i).data()).as("frame %d", i).isEqualTo(uploaded.get(i).data());
      assertThat(got.get(i).key()).isEqualTo(uploaded.get(i).key());
    }
    assertThat(got.get(0).fragment().get().getFragmentNumberString()).isEqualTo(number(0));
    assertThat(got.get(0).fragment().get().getProducerSideTimestampMillis())
        .isEqualTo(PRODUCER_START);
    assertThat(got.get(0).fragment().get().getServerSideTimestampMillis())
        .isEqualTo(stored.get(0).serverTimestamp().toEpochMilli());
    assertThat(m.getContinuationToken()).contains(number(3));
    assertThat(m.getMillisBehindNow()).hasValue(0);
  }

  @Test
  void fragmentNumberStartsAfterTheGivenFragment() throws Exception {
    List<ParsedFrame> got =
        getMedia(
            stream,
            s ->
                s.startSelectorType(StartSelectorType.FRAGMENT_NUMBER)
                    .afterFragmentNumber(number(1)),
            number(3),
            FragmentMetadataVisitor.create());
    assertThat(got).hasSize(60);
    assertThat(got.get(0).fragment().get().getFragmentNumberString()).isEqualTo(number(2));
    assertThat(got.get(0).data()).isEqualTo(uploaded.get(60).data());
  }

  @Test
  void aContinuationTokenResumesAfterItsFragment() throws Exception {
    List<ParsedFrame> got =
        getMedia(
            stream,
            s ->
                s.startSelectorType(StartSelectorType.CONTINUATION_TOKEN)
                    .continuationToken(number(2)),
            number(3),
            FragmentMetadataVisitor.create());
    assertThat(got).hasSize(30);
    assertThat(got.get(0).fragment().get().getFragmentNumberString()).isEqualTo(number(3));
  }

  @Test
  void aProducerTimestampStartsWithTheFragmentContainingIt() throws Exception {
    List<ParsedFrame> got =
        getMedia(
            stream,
            s ->
                s.startSelectorType(StartSelectorType.PRODUCER_TIMESTAMP)
                    .startTimestamp(Instant.ofEpochMilli(PRODUCER_START + 1500)),
            number(3),
            FragmentMetadataVisitor.create());
    assertThat(got).hasSize(90);
    assertThat(got.get(0).fragment().get().getFragmentNumberString()).isEqualTo(number(1));
  }

  @Test
  void nowFollowsFragmentsUploadedAfterTheRequest() throws Exception {
    String live = f.newStream(24);
    CompletableFuture<Void> upload =
        CompletableFuture.runAsync(
            () -> {
              try {
                Thread.sleep(300);
                f.upload(live, mkv, new Date());
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    FragmentMetadataVisitor m = FragmentMetadataVisitor.create();
    try (ResponseInputStream<GetMediaResponse> in =
        f.media.getMedia(
            b -> b.streamName(live).startSelector(s -> s.startSelectorType(StartSelectorType.NOW)),
            ResponseTransformer.toInputStream())) {
      List<ParsedFrame> got = ArchiveFixture.frames(in, m, frames -> frames.size() >= 30);
      in.abort();
      assertThat(got.get(0).key()).isTrue();
      assertThat(got.get(0).data()).isEqualTo(uploaded.get(0).data());
    }
    upload.get();
  }

  @Test
  void aFragmentNumberSelectorWithoutItsNumberIsInvalidArgument() {
    assertThatThrownBy(
            () ->
                f.media.getMedia(
                    b ->
                        b.streamName(stream)
                            .startSelector(
                                s -> s.startSelectorType(StartSelectorType.FRAGMENT_NUMBER)),
                    ResponseTransformer.toBytes()))
        .isInstanceOf(InvalidArgumentException.class);
  }
}
