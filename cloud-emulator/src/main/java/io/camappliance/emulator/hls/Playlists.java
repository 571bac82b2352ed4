package io.camappliance.emulator.hls;

import io.camappliance.emulator.media.FragmentRecord;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The HLS playlists of a session (RFC 8216 §4): a master playlist with one variant, and a media
 * playlist with the init segment and one fMP4 segment per fragment.
 *
 * <pre>
 * #EXTM3U
 * #EXT-X-VERSION:7
 * #EXT-X-TARGETDURATION:2
 * #EXT-X-MEDIA-SEQUENCE:0
 * #EXT-X-PLAYLIST-TYPE:VOD                 (ON_DEMAND)
 * #EXT-X-MAP:URI="getMP4InitFragment.mp4?SessionToken=..."
 * #EXT-X-DISCONTINUITY                     (per DiscontinuityMode)
 * #EXT-X-PROGRAM-DATE-TIME:...             (DisplayFragmentTimestamp ALWAYS)
 * #EXTINF:1.000,
 * getMP4MediaFragment.mp4?FragmentNumber=...&amp;SessionToken=...
 * #EXT-X-ENDLIST                           (ON_DEMAND, LIVE_REPLAY with an end)
 * </pre>
 *
 * URIs are relative to the playlist, under {@code /hls/v1/}, named like the service's session
 * actions.
 */
final class Playlists {
  /** A gap or overlap above this between fragments is a discontinuity (API reference §7.3). */
  private static final long DISCONTINUITY_MILLIS = 50;

  private Playlists() {}

  static String master(HlsSession s) {
    return "#EXTM3U\n"
        + "#EXT-X-VERSION:7\n"
        + "#EXT-X-INDEPENDENT-SEGMENTS\n"
        + "#EXT-X-STREAM-INF:BANDWIDTH=2000000,CODECS=\""
        + s.track().codecs()
        + "\",RESOLUTION="
        + s.track().width()
        + "x"
        + s.track().height()
        + "\n"
        + "getHLSMediaPlaylist.m3u8?SessionToken="
        + s.token()
        + "\n";
  }

  /**
   * @param firstSequence the media sequence number of the first fragment listed
   */
  static String media(HlsSession s, List<FragmentRecord> fragments, long firstSequence) {
    long target = 1;
    for (FragmentRecord r : fragments) {
      target = Math.max(target, (r.durationMillis() + 999) / 1000);
    }
    StringBuilder b = new StringBuilder();
    b.append("#EXTM3U\n#EXT-X-VERSION:7\n");
    b.append("#EXT-X-TARGETDURATION:").append(target).append('\n');
    b.append("#EXT-X-MEDIA-SEQUENCE:").append(firstSequence).append('\n');
    if (s.onDemand()) {
      b.append("#EXT-X-PLAYLIST-TYPE:VOD\n");
    }
    b.append("#EXT-X-MAP:URI=\"getMP4InitFragment.mp4?SessionToken=")
        .append(s.token())
        .append("\"\n");
    FragmentRecord previous = null;
    for (FragmentRecord r : fragments) {
      if (discontinuity(s.discontinuityMode(), previous, r)) {
        b.append("#EXT-X-DISCONTINUITY\n");
      }
      if (s.displayFragmentTimestamp()) {
        Instant t = s.producerTime() ? r.producerTimestamp() : r.serverTimestamp();
        b.append("#EXT-X-PROGRAM-DATE-TIME:").append(t).append('\n');
      }
      b.append(String.format(Locale.ROOT, "#EXTINF:%.3f,\n", r.durationMillis() / 1000.0));
      b.append("getMP4MediaFragment.mp4?FragmentNumber=")
          .append(r.fragmentNumber())
          .append("&SessionToken=")
          .append(s.token())
          .append('\n');
      previous = r;
    }
    if (!s.live() && s.end() != null) {
      b.append("#EXT-X-ENDLIST\n");
    }
    return b.toString();
  }

  private static boolean discontinuity(String mode, FragmentRecord previous, FragmentRecord r) {
    switch (mode) {
      case "ALWAYS":
        return previous != null;
      case "ON_DISCONTINUITY":
        return previous != null
            && Math.abs(
                    r.producerTimestamp().toEpochMilli() - previous.producerEnd().toEpochMilli())
                > DISCONTINUITY_MILLIS;
      default:
        return false;
    }
  }
}
