package io.camappliance.emulator.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.camappliance.emulator.archive.ArchiveFixture;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ContainerFormat;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.HLSFragmentSelectorType;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.HLSPlaybackMode;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.NoDataRetentionException;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ResourceNotFoundException;

/**
 * GetHLSStreamingSessionURL through AWS's SDK v2 client; the session's playlists and fMP4 segments
 * fetched as a player does and checked with ffprobe.
 */
@Timeout(60)
class HlsSdkTest {
  private static final long PRODUCER_START = 1_700_000_000_000L;

  @TempDir static Path dir;
  private static ArchiveFixture f;
  private static String stream;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void upload() throws Exception {
    f = new ArchiveFixture(dir);
    Path mkv = dir.resolve("clip.mkv");
    assumeTrue(ArchiveFixture.h264Mkv(mkv, 320, 240), "ffmpeg with libx264 is not available");
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

  private static String onDemandUrl() {
    return f.archived
        .getHLSStreamingSessionURL(
            b ->
                b.streamName(stream)
                    .playbackMode(HLSPlaybackMode.ON_DEMAND)
                    .containerFormat(ContainerFormat.FRAGMENTED_MP4)
                    .hlsFragmentSelector(
                        s ->
                            s.fragmentSelectorType(HLSFragmentSelectorType.PRODUCER_TIMESTAMP)
                                .timestampRange(
                                    r ->
                                        r.startTimestamp(Instant.ofEpochMilli(PRODUCER_START))
                                            .endTimestamp(
                                                Instant.ofEpochMilli(PRODUCER_START + 10_000)))))
        .hlsStreamingSessionURL();
  }

  private static byte[] get(URI uri) throws Exception {
    HttpResponse<byte[]> r =
        http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as("GET %s", uri).isEqualTo(200);
    return r.body();
  }

  private static String text(URI uri) throws Exception {
    return new String(get(uri), StandardCharsets.UTF_8);
  }

  private static List<String> uris(String playlist) {
    return playlist.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
  }

  @Test
  void anOnDemandSessionListsEveryFragmentAndEnds() throws Exception {
    URI master = URI.create(onDemandUrl());
    assertThat(master.toString()).startsWith(f.emulator.endpoint() + "/hls/v1/");
    String masterText = text(master);
    assertThat(masterText).contains("#EXT-X-STREAM-INF:").contains("RESOLUTION=320x240");
    URI mediaUri = master.resolve(uris(masterText).get(0));
    String media = text(mediaUri);
    assertThat(media).contains("#EXT-X-MAP:URI=\"getMP4InitFragment.mp4?SessionToken=");
    assertThat(media.lines().filter(l -> l.startsWith("#EXTINF:"))).hasSize(4);
    assertThat(media).endsWith("#EXT-X-ENDLIST\n").contains("#EXT-X-PLAYLIST-TYPE:VOD");
    assertThat(media).doesNotContain("#EXT-X-DISCONTINUITY");
  }

  @Test
  void theInitAndMediaSegmentsPlayAsTheUploadedVideo() throws Exception {
    assumeTrue(hasTool("ffprobe"), "ffprobe is not available");
    URI master = URI.create(onDemandUrl());
    URI mediaUri = master.resolve(uris(text(master)).get(0));
    String media = text(mediaUri);
    String map = media.lines().filter(l -> l.startsWith("#EXT-X-MAP")).findFirst().orElseThrow();
    String initUri = map.substring(map.indexOf('"') + 1, map.lastIndexOf('"'));
    ByteArrayOutputStream mp4 = new ByteArrayOutputStream();
    mp4.writeBytes(get(mediaUri.resolve(initUri)));
    for (String u : uris(media)) {
      mp4.writeBytes(get(mediaUri.resolve(u)));
    }
    Path file = dir.resolve("session.mp4");
    Files.write(file, mp4.toByteArray());
    String probe =
        run(
            "ffprobe",
            "-v",
            "error",
            "-count_frames",
            "-select_streams",
            "v:0",
            "-show_entries",
            "stream=codec_name,width,height,nb_read_frames",
            "-of",
            "csv=p=0",
            file.toString());
    assertThat(probe.trim()).isEqualTo("h264,320,240,120");
    assertThat(run("ffmpeg", "-v", "error", "-i", file.toString(), "-f", "null", "-").trim())
        .as("decoder errors")
        .isEmpty();
  }

  @Test
  void aLiveSessionListsTheNewestFragmentsWithoutAnEnd() throws Exception {
    URI master =
        URI.create(
            f.archived
                .getHLSStreamingSessionURL(
                    b -> b.streamName(stream).maxMediaPlaylistFragmentResults(3L))
                .hlsStreamingSessionURL());
    String media = text(master.resolve(uris(text(master)).get(0)));
    assertThat(uris(media)).hasSize(3);
    assertThat(uris(media).get(2))
        .contains(
            "FragmentNumber=" + f.emulator.fragments().fragments(stream).get(3).fragmentNumber());
    assertThat(media).contains("#EXT-X-MEDIA-SEQUENCE:1").doesNotContain("#EXT-X-ENDLIST");
    assertThat(media.lines().filter(l -> l.equals("#EXT-X-DISCONTINUITY"))).hasSize(2);
  }

  @Test
  void aStreamWithoutRetentionIsNoDataRetention() {
    String none = f.newStream(0);
    assertThatThrownBy(() -> f.archived.getHLSStreamingSessionURL(b -> b.streamName(none)))
        .isInstanceOf(NoDataRetentionException.class);
  }

  @Test
  void aRangeInLiveModeIsInvalidAndAnEmptyRangeIsNotFound() {
    assertThatThrownBy(
            () ->
                f.archived.getHLSStreamingSessionURL(
                    b ->
                        b.streamName(stream)
                            .hlsFragmentSelector(
                                s ->
                                    s.timestampRange(
                                        r ->
                                            r.startTimestamp(Instant.EPOCH)
                                                .endTimestamp(Instant.ofEpochSecond(10))))))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(
            () ->
                f.archived.getHLSStreamingSessionURL(
                    b ->
                        b.streamName(stream)
                            .playbackMode(HLSPlaybackMode.ON_DEMAND)
                            .hlsFragmentSelector(
                                s ->
                                    s.fragmentSelectorType(
                                            HLSFragmentSelectorType.PRODUCER_TIMESTAMP)
                                        .timestampRange(
                                            r ->
                                                r.startTimestamp(Instant.EPOCH)
                                                    .endTimestamp(Instant.ofEpochSecond(10))))))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void anUnknownSessionTokenIsRefused() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        f.emulator.endpoint()
                            + "/hls/v1/getHLSMediaPlaylist.m3u8?SessionToken=nope"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(401);
  }

  static boolean hasTool(String name) {
    try {
      Process p =
          new ProcessBuilder(name, "-version")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }
}
