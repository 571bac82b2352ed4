package io.camappliance.kvs;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What one PutMedia connection is for (kvs-putmedia.md §1, §2): the data endpoint GetDataEndpoint
 * returned, the signing region, the stream, and the producer start time.
 *
 * @param dataEndpoint {@code https://s-….kinesisvideo.<region>.amazonaws.com} (or {@code http://}
 *     for a local emulator), without the API path
 * @param producerStart sent as {@code x-amzn-producer-start-timestamp}
 */
public record PutMediaRequest(
    URI dataEndpoint, String region, String streamName, Instant producerStart) {
  private static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,256}");

  public PutMediaRequest {
    String scheme = dataEndpoint.getScheme() == null ? "" : dataEndpoint.getScheme();
    scheme = scheme.toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || dataEndpoint.getHost() == null) {
      throw new IllegalArgumentException(
          "data endpoint " + dataEndpoint + " is not an http:// or https:// URI with a host");
    }
    if (region == null || region.isEmpty()) {
      throw new IllegalArgumentException("region must be set, e.g. us-west-2");
    }
    if (streamName == null || !STREAM_NAME.matcher(streamName).matches()) {
      throw new IllegalArgumentException(
          "stream name " + streamName + " must be 1-256 characters of [a-zA-Z0-9_.-]");
    }
    if (producerStart == null) {
      throw new IllegalArgumentException("producerStart must be set");
    }
  }

  boolean tls() {
    return dataEndpoint.getScheme().equalsIgnoreCase("https");
  }

  int port() {
    int p = dataEndpoint.getPort();
    return p != -1 ? p : tls() ? 443 : 80;
  }

  /**
   * Decimal epoch seconds with a zero-padded millisecond fraction, {@code 1711124585.005} (§2: the
   * C SDK omits the padding, which changes the value; we do not).
   */
  String producerStartHeader() {
    long ms = producerStart.toEpochMilli();
    return String.format(Locale.ROOT, "%d.%03d", Math.floorDiv(ms, 1000), Math.floorMod(ms, 1000));
  }
}
