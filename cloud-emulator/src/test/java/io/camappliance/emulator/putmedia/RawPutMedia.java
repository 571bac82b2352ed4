package io.camappliance.emulator.putmedia;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PutMedia client on a plain socket: writes the body in chunks when told and reads ACKs while the
 * body is still open, so tests see exactly what the emulator sends and when.
 */
final class RawPutMedia implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Socket socket;
  private final OutputStream out;
  private final BufferedInputStream in;
  private final boolean chunked;
  private int status = -1;
  private final Map<String, String> responseHeaders = new LinkedHashMap<>();
  private InputStream body;

  RawPutMedia(int port, Map<String, String> headers, long contentLength) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream());
    chunked = contentLength < 0;
    StringBuilder r = new StringBuilder("POST /putMedia HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    headers.forEach((k, v) -> r.append(k).append(": ").append(v).append("\r\n"));
    r.append(
        chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + contentLength + "\r\n");
    r.append("\r\n");
    out.write(r.toString().getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  static Map<String, String> headers(String stream) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("x-amzn-stream-name", stream);
    h.put("x-amzn-fragment-timecode-type", "ABSOLUTE");
    h.put("x-amzn-producer-start-timestamp", "1711124585.823");
    h.put("x-amzn-fragment-acknowledgment-required", "1");
    return h;
  }

  static RawPutMedia open(int port, String stream) throws IOException {
    return new RawPutMedia(port, headers(stream), -1);
  }

  void send(byte[] b) throws IOException {
    if (chunked) {
      out.write((Integer.toHexString(b.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(b);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    } else {
      out.write(b);
    }
    out.flush();
  }

  /** Sends without failing when the server already closed the connection. */
  boolean trySend(byte[] b) {
    try {
      send(b);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  void finish() throws IOException {
    if (chunked) {
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
  }

  int status() throws IOException {
    if (status < 0) {
      String line = line(in);
      status = Integer.parseInt(line.split(" ")[1]);
      String h;
      while (!(h = line(in)).isEmpty()) {
        int c = h.indexOf(':');
        responseHeaders.put(h.substring(0, c).trim().toLowerCase(), h.substring(c + 1).trim());
      }
      if ("chunked".equalsIgnoreCase(responseHeaders.get("transfer-encoding"))) {
        body = new Dechunker(in);
      } else {
        long len = Long.parseLong(responseHeaders.getOrDefault("content-length", "0"));
        body = new java.io.ByteArrayInputStream(in.readNBytes((int) len));
      }
    }
    return status;
  }

  String header(String name) throws IOException {
    status();
    return responseHeaders.get(name.toLowerCase());
  }

  String errorBody() throws IOException {
    status();
    return new String(body.readAllBytes(), StandardCharsets.UTF_8);
  }

  /** The next ACK, or null when the response ended (or the connection closed). */
  JsonNode nextAck(Duration timeout) throws IOException {
    status();
    socket.setSoTimeout((int) timeout.toMillis());
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try {
      int c;
      while ((c = body.read()) >= 0) {
        if (c == '\n') {
          if (line.size() > 0) {
            return JSON.readTree(line.toByteArray());
          }
          continue;
        }
        line.write(c);
      }
    } catch (SocketTimeoutException t) {
      throw t;
    } catch (IOException reset) {
      return null;
    }
    return line.size() > 0 ? JSON.readTree(line.toByteArray()) : null;
  }

  /** ACKs until the response ends. */
  List<JsonNode> acksUntilEnd(Duration timeout) throws IOException {
    List<JsonNode> acks = new ArrayList<>();
    JsonNode a;
    while ((a = nextAck(timeout)) != null) {
      acks.add(a);
    }
    return acks;
  }

  /** The next ACK that is not IDLE. */
  JsonNode nextNonIdle(Duration timeout) throws IOException {
    JsonNode a;
    do {
      a = nextAck(timeout);
    } while (a != null && "IDLE".equals(a.path("EventType").asText()));
    return a;
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      if (c != '\r') {
        b.write(c);
      }
    }
    if (c < 0 && b.size() == 0) {
      throw new IOException("connection closed before the response");
    }
    return b.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** HTTP/1.1 chunked transfer decoding (RFC 9112 §7.1). */
  private static final class Dechunker extends InputStream {
    private final InputStream in;
    private long left;
    private boolean done;

    Dechunker(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      if (done) {
        return -1;
      }
      if (left == 0) {
        String size = line(in);
        if (size.isEmpty()) {
          size = line(in);
        }
        left = Long.parseLong(size.split(";")[0].trim(), 16);
        if (left == 0) {
          done = true;
          return -1;
        }
      }
      int c = in.read();
      if (c < 0) {
        done = true;
        return -1;
      }
      left--;
      return c;
    }
  }
}
