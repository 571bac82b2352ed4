package io.camappliance.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;

/**
 * The WHEP endpoint and session resources (draft-ietf-wish-whep; the HTTP mechanics are WHIP's, RFC
 * 9725 section 4): {@code POST /whep} with an {@code application/sdp} offer answers {@code 201
 * Created}, the SDP answer and {@code Location: /whep/{id}}; {@code PATCH /whep/{id}} with an
 * {@code application/trickle-ice-sdpfrag} (RFC 8840) answers {@code 204 No Content}; {@code DELETE
 * /whep/{id}} ends the session with {@code 200 OK}.
 *
 * <p>Any other content type is 415 with {@code Accept-Post}/{@code Accept-Patch} naming the one
 * accepted; a body over the limit is 413; a session id that {@link WhepAnswer} could never have
 * issued is 404 without asking the handler; a {@link WhepException} becomes its status, its reason
 * as a {@code text/plain} body and {@code Retry-After} when it carries one.
 */
final class WhepRoutes {
  static final String SDP = "application/sdp";
  static final String SDP_FRAGMENT = "application/trickle-ice-sdpfrag";

  private final WhepHandler handler;
  private final int maxBodyBytes;

  WhepRoutes(WhepHandler handler, int maxBodyBytes) {
    this.handler = handler;
    this.maxBodyBytes = maxBodyBytes;
  }

  void register(Javalin http) {
    http.post("/whep", this::offer);
    http.patch("/whep/{id}", this::patch);
    http.delete("/whep/{id}", this::delete);
  }

  private void offer(Context ctx) throws IOException {
    if (!hasMediaType(ctx, SDP)) {
      unsupported(ctx, "Accept-Post", SDP);
      return;
    }
    String offer = body(ctx);
    if (offer == null) {
      return;
    }
    WhepAnswer answer;
    try {
      answer = handler.offer(offer, ctx.req().getRemoteAddr());
    } catch (WhepException e) {
      refuse(ctx, e);
      return;
    }
    ctx.status(201)
        .header("Location", "/whep/" + answer.sessionId())
        .header("Accept-Patch", SDP_FRAGMENT)
        .contentType(SDP)
        .result(answer.sdp());
  }

  private void patch(Context ctx) throws IOException {
    String id = ctx.pathParam("id");
    if (!WhepAnswer.SESSION_ID.matcher(id).matches()) {
      refuse(ctx, WhepException.unknownSession(id));
      return;
    }
    if (!hasMediaType(ctx, SDP_FRAGMENT)) {
      unsupported(ctx, "Accept-Patch", SDP_FRAGMENT);
      return;
    }
    String fragment = body(ctx);
    if (fragment == null) {
      return;
    }
    try {
      handler.patch(id, fragment);
    } catch (WhepException e) {
      refuse(ctx, e);
      return;
    }
    ctx.status(204);
  }

  private void delete(Context ctx) {
    String id = ctx.pathParam("id");
    try {
      if (!WhepAnswer.SESSION_ID.matcher(id).matches()) {
        throw WhepException.unknownSession(id);
      }
      handler.delete(id);
    } catch (WhepException e) {
      refuse(ctx, e);
      return;
    }
    ctx.status(200);
  }

  /** The body, or null once a 413 has been written. */
  private String body(Context ctx) throws IOException {
    try {
      return BoundedBody.read(
          ctx.req().getInputStream(), ctx.req().getContentLengthLong(), maxBodyBytes);
    } catch (BoundedBody.TooLarge e) {
      ctx.status(413).contentType("text/plain; charset=utf-8").result(e.getMessage());
      return null;
    }
  }

  private static boolean hasMediaType(Context ctx, String expected) {
    String type = ctx.contentType();
    if (type == null) {
      return false;
    }
    int semicolon = type.indexOf(';');
    String bare = (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
    return bare.equalsIgnoreCase(expected);
  }

  private static void unsupported(Context ctx, String acceptHeader, String expected) {
    ctx.status(415)
        .header(acceptHeader, expected)
        .contentType("text/plain; charset=utf-8")
        .result("Content-Type must be " + expected + ", not " + ctx.contentType());
  }

  static void refuse(Context ctx, WhepException e) {
    ctx.status(e.httpStatus()).contentType("text/plain; charset=utf-8").result(e.reason());
    e.retryAfter().ifPresent(d -> ctx.header("Retry-After", Long.toString(wholeSeconds(d))));
  }

  /** Retry-After carries whole seconds; round up so a client never comes back too early. */
  static long wholeSeconds(Duration d) {
    long s = d.getSeconds();
    return d.getNano() > 0 ? s + 1 : s;
  }
}
