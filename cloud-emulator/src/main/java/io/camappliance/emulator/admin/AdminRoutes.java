package io.camappliance.emulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camappliance.emulator.media.FragmentRecord;
import io.camappliance.emulator.media.FragmentStore;
import io.camappliance.emulator.media.SequenceRange;
import io.camappliance.emulator.putmedia.AckEventType;
import io.camappliance.emulator.putmedia.PersistGate;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The emulator's admin API: JSON over HTTP under {@code /admin}, no authentication, answered only
 * to loopback clients. It arms faults (cut connections, delay or drop ACKs, ERROR for a fragment,
 * HTTP errors for the next requests, paused persistence, early credential expiry), restarts the
 * emulator, and shows what each stream received. {@link AdminClient} is its Java client.
 *
 * <pre>
 * POST /admin/faults/cut             {"scope":"NEXT"|"EVERY","bytes":N,"random":false}
 * POST /admin/faults/ack             {"type":"PERSISTED","delayMillis":N}   (-1 drops, 0 restores)
 * POST /admin/faults/fragment-error  {"nth":1,"errorId":4004,"stream":null}
 * POST /admin/faults/http            {"count":K,"status":503,"errorType":"...","message":"..."}
 * POST /admin/faults/clear
 * POST /admin/persistence/pause | /admin/persistence/resume
 * POST /admin/credentials/expire     {"accessKeyId":null}
 * POST /admin/restart               {"restarts":N}  (completed restarts before this one)
 * GET  /admin/restarts              {"restarts":N}
 * GET  /admin/streams                [{"streamName":..,"fragmentCount":..}]
 * GET  /admin/streams/{name}         {StreamReport}
 * </pre>
 */
public final class AdminRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long RESTART_DELAY_MILLIS = 100;

  private final FaultPlan faults;
  private final PersistGate gate;
  private final FragmentStore store;
  private final CredentialExpiry credentials;
  private final RestartHook restart;

  /**
   * @param restart called on a thread of its own, after the answer has gone out
   */
  public AdminRoutes(
      FaultPlan faults,
      PersistGate gate,
      FragmentStore store,
      CredentialExpiry credentials,
      RestartHook restart) {
    this.faults = faults;
    this.gate = gate;
    this.store = store;
    this.credentials = credentials;
    this.restart = restart;
  }

  public void register(Javalin app) {
    post(app, "/admin/faults/cut", this::cut);
    post(app, "/admin/faults/ack", this::ack);
    post(app, "/admin/faults/fragment-error", this::fragmentError);
    post(app, "/admin/faults/http", this::http);
    post(app, "/admin/faults/clear", ctx -> faults.clear());
    post(app, "/admin/persistence/pause", ctx -> gate.pause());
    post(app, "/admin/persistence/resume", ctx -> gate.resume());
    post(app, "/admin/credentials/expire", this::expire);
    post(app, "/admin/restart", this::restart);
    app.get(
        "/admin/restarts",
        loopbackOnly(
            ctx ->
                ctx.contentType("application/json")
                    .result("{\"restarts\":" + restart.restarts() + "}")));
    app.get("/admin/streams", loopbackOnly(this::streams));
    app.get("/admin/streams/{name}", loopbackOnly(this::stream));
  }

  private static void post(Javalin app, String path, Handler h) {
    app.post(
        path,
        loopbackOnly(
            ctx -> {
              h.handle(ctx);
              if (ctx.resultInputStream() == null) {
                ctx.contentType("application/json").result("{\"ok\":true}");
              }
            }));
  }

  private static Handler loopbackOnly(Handler h) {
    return ctx -> {
      if (!isLoopback(ctx.req().getRemoteAddr())) {
        ctx.status(403).result("{\"Message\":\"admin API answers loopback clients only\"}");
        return;
      }
      try {
        h.handle(ctx);
      } catch (IllegalArgumentException | NullPointerException bad) {
        ctx.status(400)
            .contentType("application/json")
            .result(
                JSON.createObjectNode()
                    .put("Message", String.valueOf(bad.getMessage()))
                    .toString());
      }
    };
  }

  private static boolean isLoopback(String address) {
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static JsonNode body(Context ctx) throws Exception {
    String b = ctx.body();
    return b.isBlank() ? JSON.createObjectNode() : JSON.readTree(b);
  }

  private void cut(Context ctx) throws Exception {
    JsonNode b = body(ctx);
    faults.cutConnections(
        FaultPlan.Scope.valueOf(b.path("scope").asText("NEXT")),
        b.path("bytes").asLong(0),
        b.path("random").asBoolean(false));
  }

  private void ack(Context ctx) throws Exception {
    JsonNode b = body(ctx);
    faults.ackDelay(AckEventType.valueOf(b.path("type").asText()), b.path("delayMillis").asLong());
  }

  private void fragmentError(Context ctx) throws Exception {
    JsonNode b = body(ctx);
    String stream = b.hasNonNull("stream") ? b.get("stream").asText() : null;
    faults.errorOnFragment(b.path("nth").asInt(1), b.path("errorId").asInt(), stream);
  }

  private void http(Context ctx) throws Exception {
    JsonNode b = body(ctx);
    int status = b.path("status").asInt(500);
    String type =
        b.path("errorType")
            .asText(
                switch (status) {
                  case 400 -> "ClientLimitExceededException";
                  case 503 -> "ServiceUnavailableException";
                  default -> "InternalFailure";
                });
    faults.failRequests(
        b.path("count").asInt(1), status, type, b.path("message").asText("Injected fault."));
  }

  private void expire(Context ctx) throws Exception {
    JsonNode b = body(ctx);
    String key = b.hasNonNull("accessKeyId") ? b.get("accessKeyId").asText() : null;
    int n = credentials.expire(key);
    ctx.contentType("application/json").result("{\"expired\":" + n + "}");
  }

  private void restart(Context ctx) {
    ctx.contentType("application/json").result("{\"restarts\":" + restart.restarts() + "}");
    ctx.res().setHeader("Connection", "close");
    Thread t =
        new Thread(
            () -> {
              try {
                Thread.sleep(RESTART_DELAY_MILLIS); // let the answer leave first
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
              }
              restart.restart();
            },
            "emulator-restart");
    t.setDaemon(true);
    t.start();
  }

  private void streams(Context ctx) {
    ArrayNode a = JSON.createArrayNode();
    for (String s : store.streams()) {
      a.addObject().put("streamName", s).put("fragmentCount", store.fragments(s).size());
    }
    ctx.contentType("application/json").result(a.toString());
  }

  private void stream(Context ctx) {
    String name = ctx.pathParam("name");
    StreamReport r = StreamReport.of(name, store.fragments(name));
    ctx.contentType("application/json").result(toJson(r).toString());
  }

  static ObjectNode toJson(StreamReport r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("streamName", r.streamName());
    o.put("framesStamped", r.framesStamped());
    o.put("distinctSequences", r.distinctSequences());
    o.put("duplicateFrames", r.duplicateFrames());
    o.put("lostFrames", r.lostFrames());
    o.put("firstSequence", r.firstSequence());
    o.put("lastSequence", r.lastSequence());
    o.put("duplicateFragments", r.duplicateFragments());
    ArrayNode fs = o.putArray("fragments");
    for (FragmentRecord f : r.fragments()) {
      ObjectNode j = fs.addObject();
      j.put("fragmentNumber", f.fragmentNumber());
      j.put("fragmentTimecode", f.fragmentTimecode());
      j.put("producerTimestampMillis", f.producerTimestamp().toEpochMilli());
      j.put("serverTimestampMillis", f.serverTimestamp().toEpochMilli());
      j.put("durationMillis", f.durationMillis());
      j.put("sizeBytes", f.sizeBytes());
      j.put("frameCount", f.frameCount());
      j.put("firstSequence", f.firstSequence());
      j.put("lastSequence", f.lastSequence());
      ArrayNode seq = j.putArray("sequences");
      for (SequenceRange s : f.sequences()) {
        seq.addArray().add(s.first()).add(s.last());
      }
      j.put("duplicate", f.duplicate());
    }
    return o;
  }
}
