package io.camappliance.emulator.hls;

import io.camappliance.emulator.archive.ArchiveException;
import io.camappliance.emulator.archive.ArchiveRequest;
import io.camappliance.emulator.archive.ArchiveRoutes;
import io.camappliance.emulator.archive.MediaStreams;
import io.camappliance.emulator.archive.StoredChunk;
import io.camappliance.emulator.media.FragmentRecord;
import io.camappliance.emulator.media.FragmentStore;
import io.camappliance.emulator.streams.StreamInfo;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * HLS playback (KVS API reference §7.3): {@code POST /getHLSStreamingSessionURL} makes a session;
 * the session's URL and the URIs in its playlists are served here, authorized by the session token
 * alone, as the service's are.
 *
 * <pre>
 * POST /getHLSStreamingSessionURL                                  SigV4
 * GET  /hls/v1/getHLSMasterPlaylist.m3u8?SessionToken=T            master playlist
 * GET  /hls/v1/getHLSMediaPlaylist.m3u8?SessionToken=T             media playlist
 * GET  /hls/v1/getMP4InitFragment.mp4?SessionToken=T               ftyp + moov
 * GET  /hls/v1/getMP4MediaFragment.mp4?FragmentNumber=N&amp;SessionToken=T   moof + mdat
 * </pre>
 *
 * Only {@code FRAGMENTED_MP4} is served; {@code MPEG_TS} is refused with InvalidArgumentException.
 * {@code LIVE_REPLAY} lists the fragments from its start on (to its end, if given) at once, rather
 * than one more per elapsed fragment duration.
 */
public final class HlsRoutes {
  static final String PREFIX = "/hls/v1/";
  private static final Duration LIVE_WINDOW = Duration.ofSeconds(30);
  private static final Duration MAX_RANGE = Duration.ofHours(24);

  private final MediaStreams streams;
  private final FragmentStore store;
  private final HlsFragments fragments;
  private final Supplier<URI> endpoint;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, HlsSession> sessions = new ConcurrentHashMap<>();

  public HlsRoutes(MediaStreams streams, FragmentStore store, Supplier<URI> endpoint, Clock clock) {
    this.streams = streams;
    this.store = store;
    this.fragments = new HlsFragments(store);
    this.endpoint = endpoint;
    this.clock = clock;
  }

  public void register(Javalin http) {
    http.post("/getHLSStreamingSessionURL", ArchiveRoutes.answering(this::sessionUrl));
    http.get(PREFIX + "getHLSMasterPlaylist.m3u8", ArchiveRoutes.answering(this::master));
    http.get(PREFIX + "getHLSMediaPlaylist.m3u8", ArchiveRoutes.answering(this::media));
    http.get(PREFIX + "getMP4InitFragment.mp4", ArchiveRoutes.answering(this::init));
    http.get(PREFIX + "getMP4MediaFragment.mp4", ArchiveRoutes.answering(this::segment));
  }

  private void sessionUrl(Context ctx) throws IOException {
    ArchiveRequest req = ArchiveRequest.parse(ctx.bodyAsBytes());
    StreamInfo stream = streams.resolve(ctx, req);
    String url = createSession(stream, req);
    ctx.contentType("application/json");
    ctx.result("{\"HLSStreamingSessionURL\":\"" + url + "\"}");
  }

  /** A live session on {@code streamName} without SigV4, for the emulator's own viewer page. */
  String viewerSessionUrl(String streamName) throws IOException {
    StreamInfo stream =
        streams
            .lookup(streamName)
            .orElseThrow(
                () ->
                    ArchiveException.notFound("The requested stream is not found or not active."));
    List<FragmentRecord> all = store.fragments(streamName);
    boolean recent =
        !all.isEmpty()
            && all.get(all.size() - 1)
                .serverTimestamp()
                .isAfter(clock.instant().minus(LIVE_WINDOW));
    String body =
        recent || all.isEmpty()
            ? "{\"PlaybackMode\":\"LIVE\",\"DiscontinuityMode\":\"NEVER\","
                + "\"HLSFragmentSelector\":{\"FragmentSelectorType\":\"PRODUCER_TIMESTAMP\"}}"
            : "{\"PlaybackMode\":\"ON_DEMAND\",\"DiscontinuityMode\":\"NEVER\","
                + "\"HLSFragmentSelector\":{\"FragmentSelectorType\":\"PRODUCER_TIMESTAMP\","
                + "\"TimestampRange\":{\"StartTimestamp\":"
                + all.get(0).producerTimestamp().toEpochMilli() / 1000.0
                + ",\"EndTimestamp\":"
                + (all.get(all.size() - 1).producerTimestamp().toEpochMilli() + 1) / 1000.0
                + "}}}";
    return createSession(stream, ArchiveRequest.parse(body.getBytes()));
  }

  private String createSession(StreamInfo stream, ArchiveRequest req) throws IOException {
    String mode =
        req.enumValue("PlaybackMode", false, List.of("LIVE", "LIVE_REPLAY", "ON_DEMAND"), "LIVE");
    ArchiveRequest selector = req.object("HLSFragmentSelector", false);
    String type = "SERVER_TIMESTAMP";
    Instant start = null;
    Instant end = null;
    if (selector != null) {
      type =
          selector.enumValue(
              "FragmentSelectorType",
              false,
              List.of("PRODUCER_TIMESTAMP", "SERVER_TIMESTAMP"),
              "SERVER_TIMESTAMP");
      ArchiveRequest range = selector.object("TimestampRange", false);
      if (range != null) {
        start = range.timestamp("StartTimestamp", false);
        end = range.timestamp("EndTimestamp", false);
      }
    }
    String container =
        req.enumValue(
            "ContainerFormat", false, List.of("FRAGMENTED_MP4", "MPEG_TS"), "FRAGMENTED_MP4");
    String discontinuity =
        req.enumValue(
            "DiscontinuityMode",
            false,
            List.of("ALWAYS", "NEVER", "ON_DISCONTINUITY"),
            type.equals("SERVER_TIMESTAMP") ? "ALWAYS" : "NEVER");
    String display =
        req.enumValue("DisplayFragmentTimestamp", false, List.of("ALWAYS", "NEVER"), "NEVER");
    long expires = req.integer("Expires", false, 300, 43_200, 300);
    long max =
        req.integer(
            "MaxMediaPlaylistFragmentResults", false, 1, 5000, mode.equals("ON_DEMAND") ? 1000 : 5);
    if (container.equals("MPEG_TS")) {
      throw ArchiveException.invalidArgument("The emulator serves HLS as FRAGMENTED_MP4 only.");
    }
    checkRange(mode, type, start, end);
    if (stream.dataRetentionInHours() == 0) {
      throw new ArchiveException(
          400,
          "NoDataRetentionException",
          "Stream " + stream.streamName() + " has no data retention; HLS needs stored media.");
    }
    HlsSession probe =
        new HlsSession(
            "",
            stream.streamName(),
            mode,
            type,
            start,
            end,
            discontinuity,
            display.equals("ALWAYS"),
            (int) max,
            null,
            null,
            null);
    List<FragmentRecord> listed = fragments.playlist(probe);
    if (listed.isEmpty()) {
      throw ArchiveException.notFound("No fragments found in the requested range.");
    }
    FragmentRecord newest = listed.get(listed.size() - 1);
    if (mode.equals("LIVE")
        && newest.serverTimestamp().isBefore(clock.instant().minus(LIVE_WINDOW))) {
      throw ArchiveException.notFound(
          "No fragments were ingested in the last " + LIVE_WINDOW.toSeconds() + " s.");
    }
    VideoTrack track = HlsFragments.videoTrack(fragments.chunk(listed.get(0)));
    byte[] token = new byte[24];
    random.nextBytes(token);
    String t = HexFormat.of().formatHex(token);
    Instant now = clock.instant();
    sessions.values().removeIf(s -> s.expires().isBefore(now));
    sessions.put(
        t,
        new HlsSession(
            t,
            stream.streamName(),
            mode,
            type,
            start,
            end,
            discontinuity,
            display.equals("ALWAYS"),
            (int) max,
            now.plusSeconds(expires),
            track,
            InitSegment.of(track)));
    return endpoint.get() + PREFIX + "getHLSMasterPlaylist.m3u8?SessionToken=" + t;
  }

  private void checkRange(String mode, String type, Instant start, Instant end) {
    if (mode.equals("LIVE")) {
      if (start != null || end != null) {
        throw ArchiveException.invalidArgument("TimestampRange must be absent in LIVE mode.");
      }
      return;
    }
    if (start == null) {
      throw ArchiveException.invalidArgument("StartTimestamp is required in " + mode + " mode.");
    }
    if (mode.equals("ON_DEMAND") && end == null) {
      throw ArchiveException.invalidArgument("EndTimestamp is required in ON_DEMAND mode.");
    }
    if (end != null) {
      if (!end.isAfter(start)) {
        throw ArchiveException.invalidArgument(
            "EndTimestamp " + end + " must be later than StartTimestamp " + start + ".");
      }
      if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
        throw ArchiveException.invalidArgument(
            "EndTimestamp " + end + " is more than 24 hours after StartTimestamp " + start + ".");
      }
      if (type.equals("SERVER_TIMESTAMP") && end.isAfter(clock.instant())) {
        throw ArchiveException.invalidArgument(
            "EndTimestamp " + end + " is in the future for SERVER_TIMESTAMP.");
      }
    }
  }

  private HlsSession session(Context ctx) {
    String token = ctx.queryParam("SessionToken");
    HlsSession s = token == null ? null : sessions.get(token);
    if (s == null) {
      throw new ArchiveException(401, "NotAuthorizedException", "Unknown session token.");
    }
    if (s.expires().isBefore(clock.instant())) {
      sessions.remove(token);
      throw new ArchiveException(401, "NotAuthorizedException", "The session has expired.");
    }
    ctx.header("Access-Control-Allow-Origin", "*");
    return s;
  }

  private void master(Context ctx) {
    HlsSession s = session(ctx);
    ctx.contentType("application/vnd.apple.mpegurl");
    ctx.result(Playlists.master(s));
  }

  private void media(Context ctx) {
    HlsSession s = session(ctx);
    List<FragmentRecord> listed = fragments.playlist(s);
    List<FragmentRecord> all = store.fragments(s.streamName());
    long first = listed.isEmpty() ? all.size() : all.indexOf(listed.get(0));
    ctx.contentType("application/vnd.apple.mpegurl");
    ctx.result(Playlists.media(s, listed, Math.max(0, first)));
  }

  private void init(Context ctx) {
    HlsSession s = session(ctx);
    ctx.contentType("video/mp4");
    ctx.result(s.initSegment());
  }

  private void segment(Context ctx) throws IOException {
    HlsSession s = session(ctx);
    String number = ctx.queryParam("FragmentNumber");
    List<FragmentRecord> all = store.fragments(s.streamName());
    int index = -1;
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).fragmentNumber().equals(number)) {
        index = i;
      }
    }
    if (index < 0) {
      throw ArchiveException.notFound("Fragment " + number + " not found.");
    }
    FragmentRecord r = all.get(index);
    StoredChunk chunk = fragments.chunk(r);
    ctx.contentType("video/mp4");
    ctx.result(HlsFragments.mediaSegment(r, chunk, index + 1));
  }
}
