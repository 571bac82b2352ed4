package io.camappliance.emulator.archive;

import io.camappliance.emulator.media.FragmentRecord;
import io.camappliance.emulator.media.FragmentStore;
import io.camappliance.emulator.streams.StreamInfo;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code POST /getMediaForFragmentList} (KVS API reference §7.2): the chunks of the listed
 * fragments, in the order asked, each with the service's Tags before its Cluster.
 *
 * <p>Tags: {@code AWS_KINESISVIDEO_FRAGMENT_NUMBER}, {@code AWS_KINESISVIDEO_SERVER_SIDE_TIMESTAMP}
 * and {@code AWS_KINESISVIDEO_PRODUCER_SIDE_TIMESTAMP} as the API reference names them, and also
 * {@code AWS_KINESISVIDEO_SERVER_TIMESTAMP} and {@code AWS_KINESISVIDEO_PRODUCER_TIMESTAMP}, the
 * names the official parser library's {@code FragmentMetadataVisitor} reads from this API's output.
 * Timestamps are epoch seconds with milliseconds.
 *
 * <p>A fragment number the stream does not have fails the whole request with {@code
 * ResourceNotFoundException} before any byte is sent.
 */
final class FragmentListMedia {
  static final Pattern FRAGMENT_NUMBER = Pattern.compile("^[0-9]+$");

  private final MediaStreams streams;
  private final FragmentStore store;

  FragmentListMedia(MediaStreams streams, FragmentStore store) {
    this.streams = streams;
    this.store = store;
  }

  void handle(Context ctx) throws IOException {
    ArchiveRequest req = ArchiveRequest.parse(ctx.bodyAsBytes());
    StreamInfo stream = streams.resolve(ctx, req);
    List<String> numbers = req.stringList("Fragments", true, 1, 1000, 128, FRAGMENT_NUMBER);
    List<FragmentRecord> records = new ArrayList<>();
    for (String n : numbers) {
      records.add(
          store
              .fragment(stream.streamName(), n)
              .orElseThrow(
                  () ->
                      ArchiveException.notFound(
                          "Fragment " + n + " of stream " + stream.streamName() + " not found.")));
    }
    ctx.status(200);
    ctx.contentType("video/webm");
    OutputStream out = ctx.res().getOutputStream();
    for (FragmentRecord r : records) {
      StoredChunk chunk = StoredChunk.parse(store.readBytes(r));
      Map<String, String> tags = new LinkedHashMap<>();
      tags.put("AWS_KINESISVIDEO_FRAGMENT_NUMBER", r.fragmentNumber());
      tags.put("AWS_KINESISVIDEO_SERVER_SIDE_TIMESTAMP", MediaChunk.seconds(r.serverTimestamp()));
      tags.put(
          "AWS_KINESISVIDEO_PRODUCER_SIDE_TIMESTAMP", MediaChunk.seconds(r.producerTimestamp()));
      tags.put("AWS_KINESISVIDEO_SERVER_TIMESTAMP", MediaChunk.seconds(r.serverTimestamp()));
      tags.put("AWS_KINESISVIDEO_PRODUCER_TIMESTAMP", MediaChunk.seconds(r.producerTimestamp()));
      MediaChunk.write(out, chunk, tags, Map.of());
    }
    out.flush();
  }
}
