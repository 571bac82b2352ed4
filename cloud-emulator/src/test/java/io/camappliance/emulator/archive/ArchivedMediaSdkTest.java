package io.camappliance.emulator.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.camappliance.emulator.archive.ArchiveFixture.ParsedFrame;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.Fragment;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.FragmentSelectorType;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.GetMediaForFragmentListResponse;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ListFragmentsResponse;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ResourceNotFoundException;

/**
 * AWS's SDK v2 archived-media client against the emulator: ListFragments and
 * GetMediaForFragmentList give back, frame for frame, what the SDK v1 PutMedia client uploaded.
 */
@Timeout(60)
class ArchivedMediaSdkTest {
  private static final long PRODUCER_START = 1_700_000_000_000L;

  @TempDir static Path dir;
  private static ArchiveFixture f;
  private static String stream;
  private static List<ParsedFrame> uploaded;

  @BeforeAll
  static void upload() throws Exception {
    f = new ArchiveFixture(dir);
    Path mkv = dir.resolve("clip.mkv");
    assumeTrue(ArchiveFixture.h264Mkv(mkv, 160, 120), "ffmpeg with libx264 is not available");
    try (InputStream in = Files.newInputStream(mkv)) {
      uploaded = ArchiveFixture.frames(in);
    }
    stream = f.newStream(24);
    f.upload(stream, mkv, new Date(PRODUCER_START));
    assertThat(f.emulator.fragments().fragments(stream)).hasSize(4);
  }

  @AfterAll
  static void stop() {
    if (f != null) {
      f.close();
    }
  }

  private static List<Fragment> list(FragmentSelectorType type, Instant from, Instant to) {
    List<Fragment> out = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      ListFragmentsResponse r =
          f.archived.listFragments(
              b -> {
                b.streamName(stream).maxResults(3L);
                if (t == null) {
                  b.fragmentSelector(
                      s ->
                          s.fragmentSelectorType(type)
                              .timestampRange(x -> x.startTimestamp(from).endTimestamp(to)));
                } else {
                  b.nextToken(t);
                }
              });
      out.addAll(r.fragments());
      token = r.nextToken();
    } while (token != null);
    return out;
  }

  @Test
  void listFragmentsPagesThroughEveryFragmentOfTheServerTimeRange() {
    List<Fragment> all =
        list(FragmentSelectorType.SERVER_TIMESTAMP, Instant.EPOCH, Instant.now().plusSeconds(60));
    assertThat(all).hasSize(4);
    assertThat(all)
        .extracting(Fragment::fragmentNumber)
        .containsExactlyElementsOf(
            f.emulator.fragments().fragments(stream).stream()
                .map(r -> r.fragmentNumber())
                .toList());
    assertThat(all.get(0).producerTimestamp()).isEqualTo(Instant.ofEpochMilli(PRODUCER_START));
    assertThat(all.get(0).fragmentLengthInMilliseconds()).isBetween(900L, 1100L);
    assertThat(all.get(0).fragmentSizeInBytes()).isPositive();
  }

  @Test
  void listFragmentsSelectsByProducerStartInclusiveOnBothEnds() {
    List<Fragment> two =
        list(
            FragmentSelectorType.PRODUCER_TIMESTAMP,
            Instant.ofEpochMilli(PRODUCER_START + 1000),
            Instant.ofEpochMilli(PRODUCER_START + 2000));
    assertThat(two)
        .extracting(Fragment::producerTimestamp)
        .containsExactly(
            Instant.ofEpochMilli(PRODUCER_START + 1000),
            Instant.ofEpochMilli(PRODUCER_START + 2000));
  }

  @Test
  void getMediaForFragmentListGivesBackTheUploadedFramesWithFragmentTags() throws Exception {
    List<Fragment> all =
        list(FragmentSelectorType.SERVER_TIMESTAMP, Instant.EPOCH, Instant.now().plusSeconds(60));
    List<String> numbers = all.stream().map(Fragment::fragmentNumber).toList();
    List<ParsedFrame> got;
    try (ResponseInputStream<GetMediaForFragmentListResponse> in =
        f.archived.getMediaForFragmentList(b -> b.streamName(stream).fragments(numbers))) {
      assertThat(in.response().contentType()).isEqualTo("video/webm");
      got = ArchiveFixture.frames(in);
    }
    assertThat(got).hasSameSizeAs(uploaded);
    for (int i = 0; i < got.size(); i++) {
      assertThat(got.get(i).data()).as("frame %d", i).isEqualTo(uploaded.get(i).data());
      assertThat(got.get(i).key()).as("frame %d key", i).isEqualTo(uploaded.get(i).key());
      assertThat(got.get(i).fragment()).isPresent();
    }
    assertThat(got.get(0).fragment().get().getFragmentNumberString()).isEqualTo(numbers.get(0));
    assertThat(got.get(0).fragment().get().getProducerSideTimestampMillis())
        .isEqualTo(PRODUCER_START);
    assertThat(got.get(got.size() - 1).fragment().get().getFragmentNumberString())
        .isEqualTo(numbers.get(3));
  }

  @Test
  void getMediaForFragmentListKeepsTheRequestedOrder() throws Exception {
    List<String> numbers =
        f.emulator.fragments().fragments(stream).stream().map(r -> r.fragmentNumber()).toList();
    List<ParsedFrame> got;
    try (InputStream in =
        f.archived.getMediaForFragmentList(
            b -> b.streamName(stream).fragments(numbers.get(2), numbers.get(0)))) {
      got = ArchiveFixture.frames(in);
    }
    assertThat(got).hasSize(60);
    assertThat(got.get(0).fragment().get().getFragmentNumberString()).isEqualTo(numbers.get(2));
    assertThat(got.get(30).fragment().get().getFragmentNumberString()).isEqualTo(numbers.get(0));
    assertThat(got.get(30).data()).isEqualTo(uploaded.get(0).data());
  }

  @Test
  void anUnknownFragmentOrStreamIsResourceNotFound() {
    assertThatThrownBy(
            () -> f.archived.getMediaForFragmentList(b -> b.streamName(stream).fragments("999999")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(
            () ->
                f.archived.listFragments(
                    b ->
                        b.streamName("nope")
                            .fragmentSelector(
                                s ->
                                    s.fragmentSelectorType(FragmentSelectorType.SERVER_TIMESTAMP)
                                        .timestampRange(
                                            x ->
                                                x.startTimestamp(Instant.EPOCH)
                                                    .endTimestamp(Instant.now())))))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void aBadNextTokenOrFragmentNumberIsInvalidArgument() {
    assertThatThrownBy(() -> f.archived.listFragments(b -> b.streamName(stream).nextToken("AAAA")))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(
            () -> f.archived.getMediaForFragmentList(b -> b.streamName(stream).fragments("12a")))
        .isInstanceOf(InvalidArgumentException.class);
  }
}
