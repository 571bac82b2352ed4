package io.camappliance.emulator.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camappliance.emulator.media.FragmentRecord;
import io.camappliance.emulator.media.FragmentStore;
import io.camappliance.emulator.streams.StreamInfo;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code POST /listFragments} (KVS API reference §7.1): the stream's fragments whose start is in
 * the selector's range, {@code MaxResults} (1–1000, default 100) at a time.
 *
 * <p>The service lists fragments unordered; the emulator lists them in fragment-number order. Its
 * {@code NextToken} is the base64 of {@code type|startMillis|endMillis|offset}, so a page can be
 * asked for without repeating the selector. Without a selector every fragment is listed.
 */
final class ListFragments {
  static final Pattern NEXT_TOKEN = Pattern.compile("[a-zA-Z0-9+/]+={0,2}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MediaStreams streams;
  private final FragmentStore store;

  ListFragments(MediaStreams streams, FragmentStore store) {
    this.streams = streams;
    this.store = store;
  }

  void handle(Context ctx) {
    ArchiveRequest req = ArchiveRequest.parse(ctx.bodyAsBytes());
    StreamInfo stream = streams.resolve(ctx, req);
    long max = req.integer("MaxResults", false, 1, 1000, 100);
    String token = req.string("NextToken", false, 1, 4096, NEXT_TOKEN);
    ArchiveRequest selectorJson = req.object("FragmentSelector", false);
    FragmentSelector selector;
    int offset = 0;
    if (token != null) {
      String[] t = decode(token);
      selector =
          t[0].isEmpty()
              ? null
              : new FragmentSelector(
                  t[0], Instant.ofEpochMilli(parse(t[1])), Instant.ofEpochMilli(parse(t[2])));
      offset = (int) parse(t[3]);
    } else {
      selector = selectorJson == null ? null : FragmentSelector.read(selectorJson);
    }
    List<FragmentRecord> all =
        selector == null
            ? store.fragments(stream.streamName())
            : selector.select(store, stream.streamName());
    int from = Math.min(offset, all.size());
    int to = (int) Math.min(all.size(), from + max);
    ObjectNode out = JSON.createObjectNode();
    ArrayNode list = out.putArray("Fragments");
    for (FragmentRecord r : all.subList(from, to)) {
      ObjectNode f = list.addObject();
      f.put("FragmentNumber", r.fragmentNumber());
      f.put("FragmentSizeInBytes", r.sizeBytes());
      f.put("ProducerTimestamp", BigDecimal.valueOf(r.producerTimestamp().toEpochMilli(), 3));
      f.put("ServerTimestamp", BigDecimal.valueOf(r.serverTimestamp().toEpochMilli(), 3));
      f.put("FragmentLengthInMilliseconds", r.durationMillis());
    }
    if (to < all.size()) {
      out.put("NextToken", encode(selector, to));
    }
    ctx.contentType("application/json");
    ctx.result(out.toString());
  }

  private static String encode(FragmentSelector s, int offset) {
    String plain =
        s == null
            ? "|0|0|" + offset
            : s.type()
                + "|"
                + s.start().toEpochMilli()
                + "|"
                + s.end().toEpochMilli()
                + "|"
                + offset;
    return Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  private static String[] decode(String token) {
    String[] t;
    try {
      t = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", -1);
    } catch (IllegalArgumentException e) {
      t = new String[0];
    }
    if (t.length != 4 || !(t[0].isEmpty() || FragmentSelector.TYPES.contains(t[0]))) {
      throw ArchiveException.invalidArgument("NextToken '" + token + "' is not valid.");
    }
    return t;
  }

  private static long parse(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw ArchiveException.invalidArgument("NextToken part '" + s + "' is not a number.");
    }
  }
}
