package io.camappliance.emulator.archive;

import io.camappliance.emulator.media.FragmentRecord;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where GetMedia starts (KVS API reference §6 {@code StartSelector}).
 *
 * <ul>
 *   <li>{@code NOW}: the newest chunk (or the first to arrive when there is none);
 *   <li>{@code EARLIEST}: the oldest chunk;
 *   <li>{@code FRAGMENT_NUMBER}: the chunk after {@code AfterFragmentNumber};
 *   <li>{@code PRODUCER_TIMESTAMP} / {@code SERVER_TIMESTAMP}: the chunk containing {@code
 *       StartTimestamp}, else the first starting after it;
 *   <li>{@code CONTINUATION_TOKEN}: the chunk after the one whose tag carried the token; the
 *       emulator's token is that fragment's number.
 * </ul>
 */
record StartSelector(String type, String afterFragment, Instant timestamp) {
  static final List<String> TYPES =
      List.of(
          "FRAGMENT_NUMBER",
          "SERVER_TIMESTAMP",
          "PRODUCER_TIMESTAMP",
          "NOW",
          "EARLIEST",
          "CONTINUATION_TOKEN");
  static final Pattern TOKEN = Pattern.compile("^[a-zA-Z0-9_\\.\\-]+$");

  static StartSelector read(ArchiveRequest s) {
    String type = s.enumValue("StartSelectorType", true, TYPES, null);
    switch (type) {
      case "FRAGMENT_NUMBER":
        return new StartSelector(
            type,
            s.string("AfterFragmentNumber", true, 1, 128, FragmentListMedia.FRAGMENT_NUMBER),
            null);
      case "CONTINUATION_TOKEN":
        String token = s.string("ContinuationToken", true, 1, 128, TOKEN);
        if (!FragmentListMedia.FRAGMENT_NUMBER.matcher(token).matches()) {
          throw ArchiveException.invalidArgument(
              "ContinuationToken '" + token + "' was not issued by this service.");
        }
        return new StartSelector(type, token, null);
      case "SERVER_TIMESTAMP":
      case "PRODUCER_TIMESTAMP":
        return new StartSelector(type, null, s.timestamp("StartTimestamp", true));
      default:
        return new StartSelector(type, null, null);
    }
  }

  /**
   * The index in {@code fragments} (number order) of the first chunk to send; {@code
   * fragments.size()} when it has not arrived yet.
   */
  int startIndex(List<FragmentRecord> fragments) {
    switch (type) {
      case "EARLIEST":
        return 0;
      case "NOW":
        return Math.max(0, fragments.size() - 1);
      case "FRAGMENT_NUMBER":
      case "CONTINUATION_TOKEN":
        BigInteger after = new BigInteger(afterFragment);
        for (int i = 0; i < fragments.size(); i++) {
          if (new BigInteger(fragments.get(i).fragmentNumber()).compareTo(after) > 0) {
            return i;
          }
        }
        return fragments.size();
      default:
        boolean producer = type.equals("PRODUCER_TIMESTAMP");
        for (int i = 0; i < fragments.size(); i++) {
          FragmentRecord r = fragments.get(i);
          Instant start = producer ? r.producerTimestamp() : r.serverTimestamp();
          Instant end = start.plusMillis(Math.max(1, r.durationMillis()));
          if (timestamp.isBefore(end)) {
            return i;
          }
        }
        return fragments.size();
    }
  }
}
