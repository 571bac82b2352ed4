package io.camappliance.mkv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camappliance.media.VideoFormat;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FragmenterTest {
  private static final long T0 = 1_700_000_000_000_000L; // epoch microseconds
  private static final long FRAME = 33_333;

  private final CollectingSink sink = new CollectingSink();
  private final AtomicInteger keyframeRequests = new AtomicInteger();
  private final FragmentMetadata metadata = new FragmentMetadata();

  private Fragmenter fragmenter(FragmenterSettings settings) {
    return new Fragmenter(
        settings,
        metadata,
        () -> {
          keyframeRequests.incrementAndGet();
          return true;
        },
        List.of(sink));
  }

  @Test
  void startsAFragmentAtEveryIdrWithAnAbsoluteClusterTimecode() {
    Fragmenter f = fragmenter(FragmenterSettings.DEFAULTS);
    for (int i = 0; i < 180; i++) {
      f.onFrame(SyntheticFrames.frame(i, T0 + i * FRAME, i % 60 == 0, SyntheticFrames.FORMAT));
    }
    f.end();
    assertThat(sink.fragmentTimecodes)
        .containsExactly(T0 / 1000, (T0 + 60 * FRAME) / 1000, (T0 + 120 * FRAME) / 1000);
    assertThat(f.stats().frames()).isEqualTo(180);
    assertThat(f.stats().fragments()).isEqualTo(3);
    assertThat(sink.ended).isTrue();
  }

  @Test
  void writesTheFirstFrameAsTheGoldenClusterAndSimpleBlockBytes() {
    Fragmenter f = fragmenter(FragmenterSettings.DEFAULTS);
    f.onFrame(SyntheticFrames.frame(0, 1_000_000, true, SyntheticFrames.FORMAT));
    byte[] all = sink.stream(0);
    int headerLength = sink.headers.get(0).bytes().length;
    // Cluster, unknown size, Timecode (8 bytes) = 1000 ms, Position 0; then the SimpleBlock: size
    // 145 = 4 + (4 + 24 SPS) + (4 + 5 PPS) + (4 + 100 slice) as a 2-byte vint, track 1, relative
    // timecode 0, keyframe flag, and the SPS's 4-byte AVCC length.
    assertThat(HexFormat.of().formatHex(all, headerLength, headerLength + 29))
        .isEqualTo(
            "1f43b675ff"
                + "e788"
                + "00000000000003e8"
                + "a78100"
                + "a3"
                + "4091"
                + "81"
                + "0000"
                + "80"
                + "00000018");
  }

  @Test
  void dropsFramesBeforeTheFirstIdrAndAsksForOne() {
    Fragmenter f = fragmenter(FragmenterSettings.DEFAULTS);
    f.onFrame(SyntheticFrames.frame(0, T0, false, SyntheticFrames.FORMAT));
    f.onFrame(SyntheticFrames.frame(1, T0 + FRAME, false, SyntheticFrames.FORMAT));
    f.onFrame(SyntheticFrames.frame(2, T0 + 2 * FRAME, true, SyntheticFrames.FORMAT));
    assertThat(f.stats().framesDroppedWaitingForIdr()).isEqualTo(2);
    assertThat(keyframeRequests.get()).isEqualTo(1);
    assertThat(sink.sequences).containsExactly(2L);
  }

  @Test
  void keepsAnEarlyIdrInsideTheCurrentFragment() {
    Fragmenter f = fragmenter(FragmenterSettings.DEFAULTS);
    f.onFrame(SyntheticFrames.frame(0, T0, true, SyntheticFrames.FORMAT));
    f.onFrame(SyntheticFrames.frame(1, T0 + FRAME, true, SyntheticFrames.FORMAT));
    f.onFrame(SyntheticFrames.frame(2, T0 + 31 * FRAME, true, SyntheticFrames.FORMAT));
    assertThat(sink.fragmentTimecodes).containsExactly(T0 / 1000, (T0 + 31 * FRAME) / 1000);
  }

  @Test
  void asksForAnIdrAtTheMaximumDurationAndClosesTheFragmentAfterTheGrace() {
    Fragmenter f = fragmenter(new FragmenterSettings(1_000, 2_000, 1_000));
    int i = 0;
    f.onFrame(SyntheticFrames.frame(i++, T0, true, SyntheticFrames.FORMAT));
    for (; i <= 61; i++) {
      f.onFrame(SyntheticFrames.frame(i, T0 + i * FRAME, false, SyntheticFrames.FORMAT));
    }
    assertThat(keyframeRequests.get()).isEqualTo(1);
    for (; i <= 95; i++) {
      f.onFrame(SyntheticFrames.frame(i, T0 + i * FRAME, false, SyntheticFrames.FORMAT));
    }
    assertThat(f.stats().fragmentsClosedWithoutIdr()).isEqualTo(1);
    assertThat(f.stats().framesDroppedWaitingForIdr()).isGreaterThan(0);
    f.onFrame(SyntheticFrames.frame(i, T0 + i * FRAME, true, SyntheticFrames.FORMAT));
    assertThat(sink.fragmentTimecodes).hasSize(2);
  }

  @Test
  void startsANewStreamHeaderWhenTheFormatChanges() {
    Fragmenter f = fragmenter(FragmenterSettings.DEFAULTS);
    byte[] sps2 = SyntheticFrames.SPS.clone();
    sps2[3] = 0x1F;
    VideoFormat other = new VideoFormat("H264", 640, 480, 30, sps2, SyntheticFrames.PPS);
    f.onFrame(SyntheticFrames.frame(0, T0, true, SyntheticFrames.FORMAT));
    f.onFrame(SyntheticFrames.frame(1, T0 + FRAME, false, other));
    f.onFrame(SyntheticFrames.frame(2, T0 + 2 * FRAME, true, other));
    assertThat(sink.headers).hasSize(2);
    assertThat(sink.headers.get(1).id()).isEqualTo(1);
    assertThat(sink.headers.get(1).format().width()).isEqualTo(640);
    assertThat(f.stats().framesDroppedWaitingForIdr()).isEqualTo(1);
  }

  @Test
  void keepsTimecodesStrictlyIncreasing() {
    Fragmenter f = fragmenter(FragmenterSettings.DEFAULTS);
    f.onFrame(SyntheticFrames.frame(0, T0, true, SyntheticFrames.FORMAT));
    f.onFrame(SyntheticFrames.frame(1, T0 + 300, false, SyntheticFrames.FORMAT));
    assertThat(f.stats().timestampsAdjusted()).isEqualTo(1);
  }

  @Test
  void writesMetadataAsTagsBeforeTheClusterOfTheNextFragmentOnly() {
    Fragmenter f = fragmenter(FragmenterSettings.DEFAULTS);
    metadata.put("motion", "yes", false);
    metadata.put("site", "gate", true);
    f.onFrame(SyntheticFrames.frame(0, T0, true, SyntheticFrames.FORMAT));
    f.onFrame(SyntheticFrames.frame(1, T0 + 60 * FRAME, true, SyntheticFrames.FORMAT));
    String all = new String(sink.stream(0), java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(countOf(all, "motion")).isEqualTo(1);
    assertThat(countOf(all, "site")).isEqualTo(2);
    assertThat(all.indexOf("motion")).isLessThan(all.indexOf("\u001f\u0043\u00b6\u0075"));
  }

  @Test
  void writesAStreamEventAsOneTagWithItsReservedNamePrefixAndCustomPairs() {
    Fragmenter f = fragmenter(FragmenterSettings.DEFAULTS);
    metadata.putEvent(StreamEvent.IMAGE_GENERATION, "front/", java.util.Map.of("reason", "motion"));
    f.onFrame(SyntheticFrames.frame(0, T0, true, SyntheticFrames.FORMAT));
    f.onFrame(SyntheticFrames.frame(1, T0 + 60 * FRAME, true, SyntheticFrames.FORMAT));
    String all = new String(sink.stream(0), java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(countOf(all, "AWS_KINESISVIDEO_IMAGE_GENERATION")).isEqualTo(1);
    assertThat(countOf(all, "AWS_KINESISVIDEO_IMAGE_PREFIX")).isEqualTo(1);
    assertThat(countOf(all, "front/")).isEqualTo(1);
    assertThat(countOf(all, "reason")).isEqualTo(1);
    // One Tags element holds the whole event.
    assertThat(countOf(all, "\u0012\u0054\u00c3\u0067".translateEscapes())).isEqualTo(1);
  }

  @Test
  void refusesAnEventTwiceBeforeTheNextFragmentOrWithTooManyPairs() {
    metadata.putEvent(StreamEvent.NOTIFICATION, "", java.util.Map.of());
    assertThatThrownBy(() -> metadata.putEvent(StreamEvent.NOTIFICATION, "", java.util.Map.of()))
        .hasMessageContaining("already marked");
    java.util.Map<String, String> eleven = new java.util.HashMap<>();
    for (int i = 0; i < 11; i++) {
      eleven.put("k" + i, "v");
    }
    assertThatThrownBy(() -> metadata.putEvent(StreamEvent.IMAGE_GENERATION, "", eleven))
        .hasMessageContaining("at most 10");
    assertThatThrownBy(
            () ->
                metadata.putEvent(StreamEvent.IMAGE_GENERATION, "", java.util.Map.of("AWS_X", "v")))
        .hasMessageContaining("starts with AWS");
  }

  @Test
  void refusesMetadataThatBreaksTheServiceLimits() {
    assertThatThrownBy(() -> metadata.put("AWS_X", "v", false)).hasMessageContaining("AWS");
    assertThatThrownBy(() -> metadata.put("n".repeat(129), "v", false)).hasMessageContaining("128");
    assertThatThrownBy(() -> metadata.put("n", "v".repeat(257), false)).hasMessageContaining("256");
    for (int i = 0; i < 10; i++) {
      metadata.put("k" + i, "v", false);
    }
    assertThatThrownBy(() -> metadata.put("k10", "v", false)).hasMessageContaining("at most 10");
  }

  private static int countOf(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
