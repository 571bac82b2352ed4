package io.camappliance.emulator.putmedia;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The SimpleTags sent before a Cluster: fragment metadata and event tags (kvs-data-model §7, §8),
 * and the service's limits on them: at most {@code maxTags}, names ≤ 128 bytes, values ≤ 256 bytes
 * (4009); no name starting with {@code AWS} except the event tags producers are meant to send
 * (4012).
 */
final class FragmentTags {
  static final int MAX_NAME_BYTES = 128;
  static final int MAX_VALUE_BYTES = 256;
  private static final Set<String> PRODUCER_EVENT_TAGS =
      Set.of(
          "AWS_KINESISVIDEO_IMAGE_GENERATION",
          "AWS_KINESISVIDEO_IMAGE_PREFIX",
          "AWS_KINESISVIDEO_NOTIFICATION");

  private final List<String[]> tags = new ArrayList<>();

  void startSimpleTag() {
    tags.add(new String[] {"", ""});
  }

  void name(String n) {
    if (!tags.isEmpty()) {
      tags.get(tags.size() - 1)[0] = n;
    }
  }

  void value(String v) {
    if (!tags.isEmpty()) {
      tags.get(tags.size() - 1)[1] = v;
    }
  }

  int count() {
    return tags.size();
  }

  void clear() {
    tags.clear();
  }

  /** The first broken rule, as an error and its reason, or empty. */
  Optional<Violation> check(int maxTags) {
    if (tags.size() > maxTags) {
      return Optional.of(
          new Violation(
              AckError.FRAGMENT_METADATA_LIMIT_REACHED,
              tags.size() + " tags before one Cluster, at most " + maxTags));
    }
    for (String[] t : tags) {
      int nameBytes = t[0].getBytes(StandardCharsets.UTF_8).length;
      int valueBytes = t[1].getBytes(StandardCharsets.UTF_8).length;
      if (nameBytes > MAX_NAME_BYTES || valueBytes > MAX_VALUE_BYTES) {
        return Optional.of(
            new Violation(
                AckError.FRAGMENT_METADATA_LIMIT_REACHED,
                "tag name of " + nameBytes + " bytes or value of " + valueBytes + " bytes"));
      }
      if (t[0].startsWith("AWS") && !PRODUCER_EVENT_TAGS.contains(t[0])) {
        return Optional.of(
            new Violation(
                AckError.INVALID_FRAGMENT_METADATA, "tag name '" + t[0] + "' is reserved"));
      }
    }
    return Optional.empty();
  }

  record Violation(AckError error, String reason) {}
}
