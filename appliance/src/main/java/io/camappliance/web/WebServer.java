package io.camappliance.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The appliance's HTTP server: the status page ({@code /}), the live view ({@code /live}), the
 * status API ({@code /api/status}), WHEP ({@code /whep}, see {@link WhepRoutes}) and the pages'
 * scripts and style sheet ({@code /static/*}).
 *
 * <p>With a token, every request except {@code /static/*} must present it (see {@link
 * BearerToken}); the pages also take it as {@code ?token=}, which their scripts remove from the
 * address bar and send as a bearer header instead. A missing or wrong token is {@code 401} with
 * {@code WWW-Authenticate: Bearer}. The static files hold no secret and are loaded by {@code
 * <script src>}, which cannot send a header, so they are public.
 *
 * <p>Every response carries a self-only {@code Content-Security-Policy} (the pages have no inline
 * script or style), {@code X-Content-Type-Options: nosniff} and {@code Referrer-Policy:
 * no-referrer} (so a token in a page address never leaves in a {@code Referer}); everything but the
 * static files is {@code Cache-Control: no-store}.
 */
public final class WebServer implements AutoCloseable {
  /** Largest accepted request body: an SDP offer is a few KiB. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
          + " connect-src 'self'; media-src 'self'; base-uri 'none'; form-action 'none';"
          + " frame-ancestors 'none'";

  private static final Logger log = LoggerFactory.getLogger(WebServer.class);
  private static final Set<String> PAGES = Set.of("/", "/live");
  private static final String TEXT = "text/plain; charset=utf-8";

  private final Javalin http;
  private boolean closed;

  private WebServer(Javalin http) {
    this.http = http;
  }

  /**
   * Starts serving.
   *
   * @param bindAddress the address to listen on, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
   * @param port the TCP port; 0 picks a free one (see {@link #port()})
   * @param token when present, the bearer token every request must carry; the caller decides
   *     whether running without one is acceptable (only on loopback)
   * @param status the status shown at {@code /api/status} and on the status page, called once per
   *     request: a {@code Map} or record tree of strings, numbers, booleans, lists and maps that
   *     Jackson can serialize
   * @param whep what the WHEP routes call
   */
  public static WebServer start(
      String bindAddress, int port, Optional<String> token, Supplier<?> status, WhepHandler whep) {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(whep, "whep");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("Web port " + port + " is not in 0..65535");
    }
    Optional<BearerToken> auth = token.map(BearerToken::new);
    StaticAssets assets = new StaticAssets();
    ObjectMapper json = new ObjectMapper();
    QueuedThreadPool threads = new QueuedThreadPool(24, 2);
    threads.setName("web");
    Javalin http =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.startupWatcherEnabled = false;
              config.jetty.threadPool = threads;
              config.http.maxRequestSize = MAX_BODY_BYTES;
            });
    http.before(ctx -> guard(ctx, auth));
    http.get("/", ctx -> serve(ctx, assets.page("status.html")));
    http.get("/live", ctx -> serve(ctx, assets.page("live.html")));
    http.get("/static/{name}", ctx -> serve(ctx, assets.file(ctx.pathParam("name"))));
    http.get(
        "/api/status",
        ctx -> ctx.contentType("application/json").result(json.writeValueAsBytes(status.get())));
    new WhepRoutes(whep, MAX_BODY_BYTES).register(http);
    http.exception(
        Exception.class,
        (e, ctx) -> {
          log.warn("{} {} failed", ctx.method(), ctx.path(), e);
          ctx.status(500).contentType(TEXT).result("Internal server error");
        });
    try {
      http.start(bindAddress, port);
    } catch (RuntimeException e) {
      http.stop();
      throw new IllegalStateException(
          "Cannot start the web server on " + bindAddress + ":" + port + ": " + e.getMessage(), e);
    }
    log.info("Web server listening on {}:{}", bindAddress, http.port());
    return new WebServer(http);
  }

  /** The port listened on (the chosen one when started with port 0). */
  public int port() {
    return http.port();
  }

  /** Stops listening and joins the server's threads; idempotent. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      http.stop();
    }
  }

  private static void guard(Context ctx, Optional<BearerToken> auth) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    String path = ctx.path();
    boolean isStatic = path.startsWith("/static/");
    ctx.header("Cache-Control", isStatic ? "no-cache" : "no-store");
    if (auth.isEmpty() || isStatic) {
      return;
    }
    String queryToken = PAGES.contains(path) ? ctx.queryParam("token") : null;
    switch (auth.get().check(ctx.header("Authorization"), queryToken)) {
      case ACCEPTED:
        return;
      case MISSING:
        ctx.header("WWW-Authenticate", "Bearer realm=\"camera\"");
        deny(
            ctx,
            "An access token is required: send Authorization: Bearer <token>,"
                + " or open the page as /?token=<token>");
        return;
      case WRONG:
      default:
        ctx.header("WWW-Authenticate", "Bearer realm=\"camera\", error=\"invalid_token\"");
        deny(ctx, "The access token is wrong");
    }
  }

  private static void deny(Context ctx, String message) {
    ctx.status(401).contentType(TEXT).result(message);
    ctx.skipRemainingHandlers();
  }

  private static void serve(Context ctx, Optional<StaticAssets.Asset> asset) {
    if (asset.isEmpty()) {
      ctx.status(404).contentType(TEXT).result("Not found");
      return;
    }
    serve(ctx, asset.get());
  }

  private static void serve(Context ctx, StaticAssets.Asset asset) {
    ctx.contentType(asset.contentType()).result(asset.bytes());
  }
}
