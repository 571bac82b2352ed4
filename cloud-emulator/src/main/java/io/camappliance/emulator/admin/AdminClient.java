package io.camappliance.emulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camappliance.emulator.media.FragmentRecord;
import io.camappliance.emulator.media.SequenceRange;
import io.camappliance.emulator.putmedia.AckEventType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Java client of the emulator's admin API ({@link AdminRoutes}), for tests. */
public final class AdminClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /**
   * @param endpoint the emulator's KVS endpoint, {@code http://127.0.0.1:PORT}
   */
  public AdminClient(URI endpoint) {
    this.endpoint = endpoint;
  }

  public void cutNextConnection(long afterBytes) throws IOException {
    cut("NEXT", afterBytes, false);
  }

  public void cutEveryConnection(long afterBytes) throws IOException {
    cut("EVERY", afterBytes, false);
  }

  /** Cuts the next connection at a random point within its first {@code maxBytes} bytes. */
  public void cutNextConnectionRandomly(long maxBytes) throws IOException {
    cut("NEXT", maxBytes, true);
  }

  private void cut(String scope, long bytes, boolean random) throws IOException {
    post("/admin/faults/cut", obj().put("scope", scope).put("bytes", bytes).put("random", random));
  }

  public void delayAcks(AckEventType type, Duration delay) throws IOException {
    post("/admin/faults/ack", obj().put("type", type.name()).put("delayMillis", delay.toMillis()));
  }

  public void dropAcks(AckEventType type) throws IOException {
    post("/admin/faults/ack", obj().put("type", type.name()).put("delayMillis", -1));
  }

  public void restoreAcks(AckEventType type) throws IOException {
    post("/admin/faults/ack", obj().put("type", type.name()).put("delayMillis", 0));
  }

  /** The {@code nth} fragment from now on (any stream) is answered with ERROR {@code errorId}. */
  public void errorOnFragment(int nth, int errorId) throws IOException {
    post("/admin/faults/fragment-error", obj().put("nth", nth).put("errorId", errorId));
  }

  public void errorOnFragment(int nth, int errorId, String stream) throws IOException {
    post(
        "/admin/faults/fragment-error",
        obj().put("nth", nth).put("errorId", errorId).put("stream", stream));
  }

  /** The next {@code count} PutMedia requests are answered with HTTP {@code status}. */
  public void failNextRequests(int count, int status) throws IOException {
    post("/admin/faults/http", obj().put("count", count).put("status", status));
  }

  /** The next {@code count} PutMedia requests get 400 ClientLimitExceededException. */
  public void throttleNextRequests(int count) throws IOException {
    post(
        "/admin/faults/http",
        obj()
            .put("count", count)
            .put("status", 400)
            .put("errorType", "ClientLimitExceededException")
            .put("message", "Injected throttling."));
  }

  public void clearFaults() throws IOException {
    post("/admin/faults/clear", obj());
  }

  public void pausePersistence() throws IOException {
    post("/admin/persistence/pause", obj());
  }

  public void resumePersistence() throws IOException {
    post("/admin/persistence/resume", obj());
  }

  /** Expires one credential, or every issued one when {@code accessKeyId} is null. */
  public int expireCredentials(String accessKeyId) throws IOException {
    return post("/admin/credentials/expire", obj().put("accessKeyId", accessKeyId))
        .path("expired")
        .asInt();
  }

  /** Restarts the emulator and returns once it answers again (at most 15 s). */
  public void restart() throws IOException {
    long before = post("/admin/restart", obj()).path("restarts").asLong();
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (get("/admin/restarts").path("restarts").asLong() > before) {
          return;
        }
      } catch (IOException down) {
        // restarting
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the restart", e);
      }
    }
    throw new IOException("the emulator did not come back within 15 s");
  }

  public List<String> streams() throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode s : get("/admin/streams")) {
      out.add(s.get("streamName").asText());
    }
    return out;
  }

  /** What {@code stream} received: fragments and the frame-stamp summary. */
  public StreamReport stream(String stream) throws IOException {
    JsonNode o = get("/admin/streams/" + stream);
    List<FragmentRecord> fragments = new ArrayList<>();
    for (JsonNode f : o.path("fragments")) {
      List<SequenceRange> seq = new ArrayList<>();
      for (JsonNode r : f.path("sequences")) {
        seq.add(new SequenceRange(r.get(0).asLong(), r.get(1).asLong()));
      }
      fragments.add(
          new FragmentRecord(
              stream,
              f.get("fragmentNumber").asText(),
              f.get("fragmentTimecode").asLong(),
              Instant.ofEpochMilli(f.get("producerTimestampMillis").asLong()),
              Instant.ofEpochMilli(f.get("serverTimestampMillis").asLong()),
              f.get("durationMillis").asLong(),
              f.get("sizeBytes").asLong(),
              f.get("frameCount").asInt(),
              List.copyOf(seq),
              f.get("duplicate").asBoolean()));
    }
    return StreamReport.of(stream, fragments);
  }

  private static ObjectNode obj() {
    return JSON.createObjectNode();
  }

  private JsonNode post(String path, ObjectNode body) throws IOException {
    return send(
        HttpRequest.newBuilder(endpoint.resolve(path))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build());
  }

  private JsonNode get(String path) throws IOException {
    return send(HttpRequest.newBuilder(endpoint.resolve(path)).GET().build());
  }

  private JsonNode send(HttpRequest r) throws IOException {
    HttpResponse<String> res;
    try {
      res = http.send(r, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (res.statusCode() != 200) {
      throw new IOException(
          "admin " + r.uri().getPath() + " answered " + res.statusCode() + ": " + res.body());
    }
    return JSON.readTree(res.body());
  }
}
