package io.camappliance.emulator.hls;

import io.camappliance.emulator.archive.ArchiveException;
import io.camappliance.emulator.archive.ArchiveRoutes;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A page that plays a stream of the emulator in a browser, over HLS with hls.js (served from the
 * classpath webjar; no CDN).
 *
 * <pre>
 * GET /viewer?stream=NAME           the page
 * GET /viewer/viewer.js             its script
 * GET /viewer/hls.min.js            hls.js 1.4.12
 * GET /viewer/session?stream=NAME   {"HLSStreamingSessionURL": ...}, loopback clients only
 * </pre>
 *
 * The session route is the page's way to a session without SigV4 keys in the browser: a LIVE
 * session when the stream got a fragment in the last 30 s, else ON_DEMAND over the whole stream,
 * producer timestamps, no discontinuity markers.
 */
public final class Viewer {
  static final String HLS_JS = "META-INF/resources/webjars/hls.js/1.4.12/dist/hls.min.js";

  private final HlsRoutes hls;

  public Viewer(HlsRoutes hls) {
    this.hls = hls;
  }

  public void register(Javalin http) {
    http.get("/viewer", ctx -> resource(ctx, "viewer/index.html", "text/html; charset=utf-8"));
    http.get(
        "/viewer/viewer.js",
        ctx -> resource(ctx, "viewer/viewer.js", "text/javascript; charset=utf-8"));
    http.get("/viewer/hls.min.js", ctx -> resource(ctx, HLS_JS, "text/javascript; charset=utf-8"));
    http.get("/viewer/session", ArchiveRoutes.answering(this::session));
  }

  private void session(Context ctx) throws IOException {
    if (!loopback(ctx.req().getRemoteAddr())) {
      throw new ArchiveException(403, "AccessDeniedException", "The viewer serves loopback only.");
    }
    String stream = ctx.queryParam("stream");
    if (stream == null || stream.isEmpty()) {
      throw ArchiveException.invalidArgument("Give the stream: /viewer/session?stream=NAME");
    }
    String url = hls.viewerSessionUrl(stream);
    ctx.contentType("application/json");
    ctx.result("{\"HLSStreamingSessionURL\":\"" + url + "\"}");
  }

  private static boolean loopback(String address) {
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static void resource(Context ctx, String path, String contentType) {
    try (InputStream in = Viewer.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        ctx.status(404).result("missing resource " + path);
        return;
      }
      ctx.contentType(contentType);
      ctx.result(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
