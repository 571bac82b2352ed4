package io.camappliance.emulator.putmedia;

import com.fasterxml.jackson.databind.JsonNode;
import io.camappliance.emulator.admin.CredentialExpiry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** PutMedia test server and client for tests outside this package (the admin API's). */
public final class PutMediaTestSupport {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private PutMediaTestSupport() {}

  /** {@code count} fragments of {@code frames} frames, 40 ms apart, stamped from {@code seq}. */
  public static byte[] body(long timecode, int count, int frames, long seq) {
    return new TestMkv().header(1).fragments(timecode, count, frames, 40, seq).bytes();
  }

  public static Server start(Path dir) throws IOException {
    return start(dir, CredentialExpiry.NONE);
  }

  public static Server start(Path dir, CredentialExpiry expiry) throws IOException {
    return new Server(dir, expiry);
  }

  /** A server with stream "cam" (24 h retention) and the admin API wired to its faults. */
  public static final class Server implements AutoCloseable {
    private final PutMediaServer server;

    Server(Path dir, CredentialExpiry expiry) throws IOException {
      server =
          new PutMediaServer(
              dir,
              PutMediaServer.fast(),
              Duration.ofMinutes(45),
              (ctx, name) -> java.util.Optional.empty(),
              expiry);
      server.streams.add("cam", 24);
    }

    public URI endpoint() {
      return server.endpoint();
    }

    public int storedFragments(String stream) {
      return server.store.fragments(stream).size();
    }

    /** Sends a whole body; the event types of its non-IDLE ACKs (empty if the connection dies). */
    public List<String> send(String stream, byte[] body) throws IOException {
      List<String> out = new ArrayList<>();
      for (String s : sendWithErrors(stream, body)) {
        out.add(s.split(" ")[0]);
      }
      return out;
    }

    /** As {@link #send}, ERRORs shown as {@code "ERROR <id>"}. */
    public List<String> sendWithErrors(String stream, byte[] body) throws IOException {
      try (Client c = open(stream)) {
        c.raw.trySend(body);
        try {
          c.finish();
        } catch (IOException cut) {
          // the server cut the connection
        }
        List<String> out = new ArrayList<>();
        String a;
        while ((a = c.next()) != null) {
          out.add(a);
        }
        return out;
      }
    }

    /** Opens a request without a body: {@code "<status> <x-amzn-ErrorType>"}. */
    public String status(String stream) throws IOException {
      try (RawPutMedia c = new RawPutMedia(server.port(), RawPutMedia.headers(stream), 0)) {
        return c.status() + " " + c.header("x-amzn-ErrorType");
      }
    }

    public Client open(String stream) throws IOException {
      return new Client(RawPutMedia.open(server.port(), stream));
    }

    @Override
    public void close() {
      server.close();
    }
  }

  /** A streaming PutMedia client. */
  public static final class Client implements AutoCloseable {
    final RawPutMedia raw;

    Client(RawPutMedia raw) {
      this.raw = raw;
    }

    public void send(byte[] b) throws IOException {
      raw.send(b);
    }

    public void finish() throws IOException {
      raw.finish();
    }

    /** The next non-IDLE ACK's type ({@code "ERROR <id>"} for errors), or null at the end. */
    public String next() throws IOException {
      JsonNode a;
      try {
        if (raw.status() != 200) {
          return null;
        }
        a = raw.nextNonIdle(WAIT);
      } catch (IOException closed) {
        return null;
      }
      if (a == null) {
        return null;
      }
      String t = a.get("EventType").asText();
      return t.equals("ERROR") ? t + " " + a.get("ErrorId").asInt() : t;
    }

    @Override
    public void close() throws IOException {
      raw.close();
    }
  }
}
