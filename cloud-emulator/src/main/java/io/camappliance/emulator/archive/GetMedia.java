package io.camappliance.emulator.archive;

import io.camappliance.emulator.media.FragmentRecord;
import io.camappliance.emulator.media.FragmentStore;
import io.camappliance.emulator.streams.StreamInfo;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /getMedia} (KVS API reference §6): the stream's chunks from the selected start on,
 * then each new fragment as it is stored.
 *
 * <p>Each chunk carries Tags before its Cluster ({@code AWS_KINESISVIDEO_FRAGMENT_NUMBER}, {@code
 * _SERVER_TIMESTAMP}, {@code _PRODUCER_TIMESTAMP}, epoch seconds) and after it ({@code
 * AWS_KINESISVIDEO_MILLIS_BEHIND_NOW}, the newest stored fragment's server time minus this one's,
 * and {@code AWS_KINESISVIDEO_CONTINUATION_TOKEN}, this fragment's number).
 *
 * <p>The service's response never ends while the producer streams; the emulator's ends when no new
 * fragment was stored for {@code idleTimeout} (the service's own read timeout is 3 s), when the
 * client goes away, or when the emulator stops. A client resumes with the last continuation token.
 */
final class GetMedia {
  private static final long POLL_MILLIS = 50;

  private final MediaStreams streams;
  private final FragmentStore store;
  private final Duration idleTimeout;

  GetMedia(MediaStreams streams, FragmentStore store, Duration idleTimeout) {
    this.streams = streams;
    this.store = store;
    this.idleTimeout = idleTimeout;
  }

  void handle(Context ctx) throws IOException {
    ArchiveRequest req = ArchiveRequest.parse(ctx.bodyAsBytes());
    StreamInfo stream = streams.resolve(ctx, req);
    StartSelector start = StartSelector.read(req.object("StartSelector", true));
    String name = stream.streamName();
    int next = start.startIndex(store.fragments(name));
    ctx.status(200);
    ctx.contentType("video/webm");
    OutputStream out = ctx.res().getOutputStream();
    out.flush(); // the status line goes out at once, as the service's does
    long idleSince = System.nanoTime();
    while (!Thread.currentThread().isInterrupted()) {
      List<FragmentRecord> all = store.fragments(name);
      if (next < all.size()) {
        FragmentRecord newest = all.get(all.size() - 1);
        for (; next < all.size(); next++) {
          send(out, all.get(next), newest);
        }
        out.flush();
        idleSince = System.nanoTime();
        continue;
      }
      if (System.nanoTime() - idleSince >= idleTimeout.toNanos()) {
        return;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void send(OutputStream out, FragmentRecord r, FragmentRecord newest) throws IOException {
    StoredChunk chunk = StoredChunk.parse(store.readBytes(r));
    Map<String, String> before = new LinkedHashMap<>();
    before.put("AWS_KINESISVIDEO_FRAGMENT_NUMBER", r.fragmentNumber());
    before.put("AWS_KINESISVIDEO_SERVER_TIMESTAMP", MediaChunk.seconds(r.serverTimestamp()));
    before.put("AWS_KINESISVIDEO_PRODUCER_TIMESTAMP", MediaChunk.seconds(r.producerTimestamp()));
    Map<String, String> after = new LinkedHashMap<>();
    long behind =
        Math.max(0, newest.serverTimestamp().toEpochMilli() - r.serverTimestamp().toEpochMilli());
    after.put("AWS_KINESISVIDEO_MILLIS_BEHIND_NOW", Long.toString(behind));
    after.put("AWS_KINESISVIDEO_CONTINUATION_TOKEN", r.fragmentNumber());
    MediaChunk.write(out, chunk, before, after);
  }
}
