package io.camappliance.kvs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * One PutMedia call (kvs-putmedia.md §2–§4): {@code POST /putMedia} as HTTP/1.1 with a chunked
 * request body on a socket of its own (TLS with SNI and host name verification for https), full
 * duplex: MKV goes out through {@link #write} while a reader thread turns the response into ACKs
 * for the {@link PutMediaListener}.
 *
 * <pre>
 * → POST /putMedia HTTP/1.1, x-amzn-* headers, SigV4 Authorization, Transfer-Encoding: chunked
 * → size(hex) CRLF mkv-bytes CRLF      one chunk per write()
 * ← HTTP/1.1 200 (at once, before the body) ... or 4xx/5xx + x-amzn-ErrorType → onFailure
 * ← chunked body: one ACK JSON line per event → onAck, while requests chunks still go out
 * → 0 CRLF CRLF                         finish()
 * ← last chunk                          → onEnd
 * </pre>
 *
 * <p>Signing follows the C producer (§3): the streamed body is signed as the empty string (no
 * {@code x-amz-content-sha256}); the session token is sent and signed. {@code Transfer-Encoding},
 * {@code Connection} and {@code User-Agent} are sent unsigned, so no intermediary can break the
 * signature by rewriting them.
 *
 * <p>Threads: one writer (the uploader) calls {@link #write} and {@link #finish}; the reader thread
 * calls the listener; {@link #close} may come from any thread.
 */
public final class PutMediaConnection implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PutMediaConnection.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] LAST_CHUNK = {'0', '\r', '\n', '\r', '\n'};
  private static final String USER_AGENT = "camappliance-producer/1.0";
  private static final int MAX_ERROR_BODY = 64 * 1024;

  /** Connect and TLS handshake limit: the producer SDK's service-call connect timeout (§11). */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /**
   * With no byte from the service for this long (not even IDLE ACKs, which come every few seconds
   * while the connection is idle) the connection counts as lost.
   */
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private final PutMediaRequest request;
  private final PutMediaListener listener;
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private final AckParser parser;
  private final Thread reader;
  private final byte[] chunkHeader = new byte[10];
  private final byte[] copy = new byte[16 * 1024];
  private final Object writeLock = new Object();
  private final AtomicBoolean terminated = new AtomicBoolean();
  private volatile PutMediaException failure;
  private volatile boolean ended;
  private volatile boolean closing;
  private boolean finished;
  private long bytesWritten;

  private PutMediaConnection(
      PutMediaRequest request, PutMediaListener listener, Socket socket, OutputStream out)
      throws IOException {
    this.request = request;
    this.listener = listener;
    this.socket = socket;
    this.out = out;
    this.in = new BufferedInputStream(socket.getInputStream(), 8192);
    this.parser = new AckParser(this::deliver);
    this.reader = new Thread(this::readResponse, "putmedia-acks-" + request.streamName());
    reader.setDaemon(true);
  }

  /**
   * Connects, sends the signed request head and starts reading the response; the body follows with
   * {@link #write}. The response status arrives later, at the listener.
   *
   * @throws PutMediaException {@link ErrorClass#RECONNECT} when the endpoint cannot be reached
   */
  public static PutMediaConnection open(
      PutMediaRequest request,
      Supplier<? extends AwsCredentialsIdentity> credentials,
      PutMediaListener listener)
      throws PutMediaException {
    return open(
        request,
        credentials,
        listener,
        Clock.systemUTC(),
        (SSLSocketFactory) SSLSocketFactory.getDefault());
  }

  /**
   * As {@link #open(PutMediaRequest, Supplier, PutMediaListener)}, with the signing clock and the
   * TLS socket factory (its trust decides which servers are accepted) given.
   */
  public static PutMediaConnection open(
      PutMediaRequest request,
      Supplier<? extends AwsCredentialsIdentity> credentials,
      PutMediaListener listener,
      Clock clock,
      SSLSocketFactory tls)
      throws PutMediaException {
    byte[] head = requestHead(request, credentials.get(), clock);
    Socket socket = null;
    try {
      socket = connect(request, tls);
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
      out.write(head);
      out.flush();
      PutMediaConnection c = new PutMediaConnection(request, listener, socket, out);
      c.reader.start();
      return c;
    } catch (IOException e) {
      closeQuietly(socket);
      throw PutMediaException.connectionLost(
          "cannot connect to " + request.dataEndpoint() + ": " + e.getMessage(), e);
    }
  }

  private static Socket connect(PutMediaRequest request, SSLSocketFactory tls) throws IOException {
    String host = request.dataEndpoint().getHost();
    Socket plain = new Socket();
    try {
      plain.setTcpNoDelay(true); // ACK latency and frame latency matter more than packet count
      plain.connect(new InetSocketAddress(host, request.port()), (int) CONNECT_TIMEOUT.toMillis());
      plain.setSoTimeout((int) READ_TIMEOUT.toMillis());
      if (!request.tls()) {
        return plain;
      }
      plain.setSoTimeout((int) CONNECT_TIMEOUT.toMillis());
      SSLSocket s = (SSLSocket) tls.createSocket(plain, host, request.port(), true);
      SSLParameters p = s.getSSLParameters();
      p.setEndpointIdentificationAlgorithm("HTTPS");
      if (!isIpLiteral(host)) {
        p.setServerNames(List.of(new SNIHostName(host)));
      }
      p.setApplicationProtocols(new String[] {"http/1.1"});
      s.setSSLParameters(p);
      s.startHandshake();
      s.setSoTimeout((int) READ_TIMEOUT.toMillis());
      return s;
    } catch (IOException | RuntimeException e) {
      closeQuietly(plain);
      throw e;
    }
  }

  private static boolean isIpLiteral(String host) {
    return host.contains(":") || host.matches("[0-9.]+");
  }

  /** The request line and headers, signed. */
  static byte[] requestHead(
      PutMediaRequest request, AwsCredentialsIdentity credentials, Clock clock) {
    SdkHttpRequest unsigned =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(request.dataEndpoint().resolve("/putMedia"))
            .putHeader("x-amzn-stream-name", request.streamName())
            .putHeader("x-amzn-fragment-timecode-type", "ABSOLUTE")
            .putHeader("x-amzn-producer-start-timestamp", request.producerStartHeader())
            .putHeader("x-amzn-fragment-acknowledgment-required", "1")
            .build();
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(credentials)
                        .request(unsigned)
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "kinesisvideo")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, request.region())
                        .putProperty(HttpSigner.SIGNING_CLOCK, clock));
    StringBuilder h = new StringBuilder(1024);
    h.append("POST /putMedia HTTP/1.1\r\n");
    boolean host = false;
    for (Map.Entry<String, List<String>> e : signed.request().headers().entrySet()) {
      host |= e.getKey().equalsIgnoreCase("host");
      for (String v : e.getValue()) {
        h.append(e.getKey()).append(": ").append(v).append("\r\n");
      }
    }
    if (!host) {
      h.append("Host: ").append(hostHeader(request)).append("\r\n");
    }
    h.append("User-Agent: ").append(USER_AGENT).append("\r\n");
    h.append("Transfer-Encoding: chunked\r\n");
    h.append("Connection: keep-alive\r\n");
    h.append("\r\n");
    return h.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String hostHeader(PutMediaRequest request) {
    String host = request.dataEndpoint().getHost();
    int port = request.dataEndpoint().getPort();
    return port == -1 ? host : host + ":" + port;
  }

  /**
   * Sends the bytes between position and limit as one chunk and flushes; the position moves to the
   * limit. Allocates nothing.
   *
   * @throws PutMediaException the failure the listener got, or {@link ErrorClass#RECONNECT} when
   *     the response already ended or the socket broke
   */
  public void write(ByteBuffer bytes) throws PutMediaException {
    synchronized (writeLock) {
      checkWritable();
      int n = bytes.remaining();
      if (n == 0) {
        return; // a zero-size chunk would end the body
      }
      try {
        out.write(chunkHeader, 0, chunkHeader(n));
        if (bytes.hasArray()) {
          out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), n);
          bytes.position(bytes.limit());
        } else {
          while (bytes.hasRemaining()) {
            int k = Math.min(copy.length, bytes.remaining());
            bytes.get(copy, 0, k);
            out.write(copy, 0, k);
          }
        }
        out.write(CRLF);
        out.flush();
        bytesWritten += n;
      } catch (IOException e) {
        throw writeFailed(e);
      }
    }
  }

  /** Sends the last chunk: the body is complete; ACKs for it still arrive at the listener. */
  public void finish() throws PutMediaException {
    synchronized (writeLock) {
      checkWritable();
      finished = true;
      try {
        out.write(LAST_CHUNK);
        out.flush();
      } catch (IOException e) {
        throw writeFailed(e);
      }
    }
  }

  private void checkWritable() throws PutMediaException {
    PutMediaException f = failure;
    if (f != null) {
      throw f;
    }
    if (closing) {
      throw PutMediaException.connectionLost("the connection was closed", null);
    }
    if (ended) {
      throw PutMediaException.connectionLost("the service ended the response", null);
    }
    if (finished) {
      throw new IllegalStateException("the body of this PutMedia call is already finished");
    }
  }

  private PutMediaException writeFailed(IOException e) {
    PutMediaException f = failure;
    if (f != null) {
      return f;
    }
    closeQuietly(socket); // wakes the reader, which reports the loss to the listener
    return PutMediaException.connectionLost(
        "writing to " + request.dataEndpoint() + ": " + e.getMessage(), e);
  }

  private int chunkHeader(int n) {
    int digits = Math.max(1, (32 - Integer.numberOfLeadingZeros(n) + 3) / 4);
    for (int i = digits - 1, v = n; i >= 0; i--, v >>>= 4) {
      chunkHeader[i] = (byte) Character.forDigit(v & 0xF, 16);
    }
    chunkHeader[digits] = '\r';
    chunkHeader[digits + 1] = '\n';
    return digits + 2;
  }

  /** Body bytes sent so far (chunk framing excluded). */
  public long bytesWritten() {
    synchronized (writeLock) {
      return bytesWritten;
    }
  }

  /** ACK lines dropped as malformed so far. */
  public long malformedAcks() {
    return parser.malformed();
  }

  /** Waits until the reader has ended and the listener got its last call. */
  public boolean awaitEnd(Duration timeout) throws InterruptedException {
    reader.join(Math.max(1, timeout.toMillis()));
    return !reader.isAlive();
  }

  /** Closes the socket and waits for the reader thread; idempotent. */
  @Override
  public void close() {
    closing = true;
    closeQuietly(socket);
    if (Thread.currentThread() != reader) {
      try {
        reader.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void readResponse() {
    try {
      HttpHead head = HttpHead.read(in);
      if (head.status() != 200) {
        throw PutMediaException.ofHttp(
            request.streamName(),
            head.status(),
            head.header("x-amzn-errortype"),
            errorMessage(head));
      }
      readAcks(head);
      parser.end();
      terminate(null);
    } catch (PutMediaException e) {
      terminate(e);
    } catch (SocketTimeoutException e) {
      terminate(
          PutMediaException.connectionLost(
              "no byte from the service for " + READ_TIMEOUT.toSeconds() + " s", e));
    } catch (RuntimeException e) { // a bug here must still end the connection once
      log.error("PutMedia {}: reader failed", request.streamName(), e);
      terminate(PutMediaException.protocol("reader failed: " + e));
    } catch (IOException e) {
      terminate(
          closing
              ? null
              : PutMediaException.connectionLost(
                  "reading from " + request.dataEndpoint() + ": " + e.getMessage(), e));
    }
  }

  private void readAcks(HttpHead head) throws IOException {
    byte[] buf = new byte[4096];
    if (head.chunked()) {
      ChunkedDecoder body = new ChunkedDecoder(in);
      for (int n; (n = body.read(buf)) >= 0; ) {
        parser.feed(buf, 0, n);
      }
      return;
    }
    long left = head.contentLength();
    if (left < 0) {
      left = Long.MAX_VALUE; // until the service closes the connection
    }
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        if (left != Long.MAX_VALUE) {
          throw new EOFException("connection closed with " + left + " body bytes missing");
        }
        return;
      }
      parser.feed(buf, 0, n);
      left -= n;
    }
  }

  /** The service's {@code Message} from an error body, or the body's text. */
  private String errorMessage(HttpHead head) {
    byte[] body;
    try {
      body = readErrorBody(head);
    } catch (IOException e) {
      return "(no readable body: " + e.getMessage() + ")";
    }
    String text = new String(body, StandardCharsets.UTF_8).trim();
    if (text.startsWith("{")) {
      try {
        JsonNode n = JSON.readTree(text);
        JsonNode m = n.has("Message") ? n.get("Message") : n.get("message");
        if (m != null && m.isTextual()) {
          return m.asText();
        }
      } catch (IOException notJson) {
        // shown as text below
      }
    }
    return text.isEmpty() ? "(empty body)" : text;
  }

  private byte[] readErrorBody(HttpHead head) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    if (head.chunked()) {
      ChunkedDecoder d = new ChunkedDecoder(in);
      for (int n; b.size() < MAX_ERROR_BODY && (n = d.read(buf)) >= 0; ) {
        b.write(buf, 0, n);
      }
      return b.toByteArray();
    }
    long left =
        Math.min(head.contentLength() < 0 ? MAX_ERROR_BODY : head.contentLength(), MAX_ERROR_BODY);
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        break;
      }
      b.write(buf, 0, n);
      left -= n;
    }
    return b.toByteArray();
  }

  private void deliver(Ack ack) {
    try {
      listener.onAck(ack);
    } catch (RuntimeException e) {
      log.warn("PutMedia {}: ACK listener failed on {}", request.streamName(), ack, e);
    }
  }

  /** Ends the connection's life once: either {@code onEnd} or {@code onFailure}. */
  private void terminate(PutMediaException f) {
    if (!terminated.compareAndSet(false, true)) {
      return;
    }
    if (f != null) {
      failure = f;
      closeQuietly(socket);
    } else {
      ended = true;
    }
    try {
      if (f == null) {
        listener.onEnd();
      } else {
        listener.onFailure(f);
      }
    } catch (RuntimeException e) {
      log.warn("PutMedia {}: listener failed at the end", request.streamName(), e);
    }
  }

  private static void closeQuietly(Socket s) {
    if (s == null) {
      return;
    }
    try {
      s.close();
    } catch (IOException ignored) {
      // nothing left to release
    }
  }
}
