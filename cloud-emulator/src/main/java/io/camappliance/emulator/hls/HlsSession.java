package io.camappliance.emulator.hls;

import java.time.Instant;

/**
 * An HLS streaming session (KVS API reference §7.3): what {@code GetHLSStreamingSessionURL} asked
 * for, fixed when the session is made, and the track its init segment describes.
 *
 * @param start inclusive start of the range; null for LIVE
 * @param end inclusive end of the range; null for LIVE and an open LIVE_REPLAY
 */
record HlsSession(
    String token,
    String streamName,
    String playbackMode,
    String selectorType,
    Instant start,
    Instant end,
    String discontinuityMode,
    boolean displayFragmentTimestamp,
    int maxFragments,
    Instant expires,
    VideoTrack track,
    byte[] initSegment) {

  boolean live() {
    return playbackMode.equals("LIVE");
  }

  boolean onDemand() {
    return playbackMode.equals("ON_DEMAND");
  }

  boolean producerTime() {
    return selectorType.equals("PRODUCER_TIMESTAMP");
  }
}
