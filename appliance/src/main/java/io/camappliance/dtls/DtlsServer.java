package io.camappliance.dtls;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsTimeoutException;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebRTC session's DTLS 1.2 server (RFC 6347) for DTLS-SRTP (RFC 5764). The answer says {@code
 * a=setup:passive} (RFC 8842 §5.3), so the browser is the DTLS client and this end waits for its
 * ClientHello.
 *
 * <p>Datagrams flow through the caller: the ICE layer hands in every datagram of the session's
 * candidate pair whose first byte is 20–63 ({@link #isDtlsRecord}, RFC 7983 §7) with {@link
 * #onPacket}, and DTLS output leaves through the {@link Sender} given to {@link #start}.
 *
 * <p>Threads: each session owns one platform daemon thread, {@code dtls-N}, from {@link #start}
 * until the session ends. It runs Bouncy Castle's blocking handshake and afterwards keeps reading
 * the DTLS channel, because BC answers a retransmitted client Finished there (our last flight was
 * lost) and a {@code close_notify} arrives there. A camera serves a handful of viewers, so a thread
 * per session is cheaper to reason about than sharing a pool with blocking tasks; Java 17 has no
 * virtual threads. All {@link Listener} callbacks run on that thread.
 *
 * <p>Outcome: exactly one of {@link Listener#onFailed} or {@link Listener#onClosed} ends every
 * session that was not {@link #close() closed} locally first, preceded by {@link
 * Listener#onConnected} when the handshake succeeded. After {@code close()} returns, no callback
 * starts.
 */
public final class DtlsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DtlsServer.class);
  private static final BcTlsCrypto CRYPTO = new BcTlsCrypto(new SecureRandom());
  private static final AtomicInteger THREAD_IDS = new AtomicInteger();

  /** After the handshake the thread mostly waits; this only bounds one wait. */
  private static final int IDLE_WAIT_MILLIS = 60_000;

  /** How long {@link #close()} waits for the session thread to finish sending close_notify. */
  private static final long CLOSE_JOIN_MILLIS = 1_000;

  /** Sends one datagram to the session's remote candidate. */
  @FunctionalInterface
  public interface Sender {
    void send(byte[] data, int offset, int length) throws IOException;
  }

  /** What the session learns; called on the session's thread, must not block for long. */
  public interface Listener {
    /** The handshake completed: SRTP may start with these keys. */
    void onConnected(DtlsSrtpKeys keys);

    /**
     * The handshake failed or the channel broke.
     *
     * @param reason one sentence for logs and the status page
     * @param cause the underlying exception, or {@code null}
     */
    void onFailed(String reason, Throwable cause);

    /** The client ended the association with {@code close_notify} (RFC 5246 §7.2.1). */
    void onClosed();
  }

  private final WebRtcTlsServer tlsServer;
  private final QueuedDatagramTransport transport;
  private final Listener listener;
  private final Sender sender;
  private final Thread thread;
  private final long startNanos;
  private final long handshakeTimeoutMillis;
  private final AtomicBoolean finished = new AtomicBoolean();
  private volatile boolean connected;

  private DtlsServer(
      DtlsCertificate certificate,
      CertificateFingerprint expectedClientFingerprint,
      DtlsSettings settings,
      Sender sender,
      Listener listener) {
    this.startNanos = System.nanoTime();
    this.handshakeTimeoutMillis = settings.handshakeTimeout().toMillis();
    this.tlsServer = new WebRtcTlsServer(CRYPTO, certificate, expectedClientFingerprint, settings);
    this.transport = new QueuedDatagramTransport(sender, settings, startNanos);
    this.listener = listener;
    this.sender = sender;
    this.thread = new Thread(this::run, "dtls-" + THREAD_IDS.incrementAndGet());
    this.thread.setDaemon(true);
  }

  /**
   * Starts a session's DTLS server and waits, on the session thread, for the client's handshake.
   *
   * @param certificate this device's certificate, whose fingerprint the SDP answer carries
   * @param expectedClientFingerprint the {@code a=fingerprint} of the browser's SDP offer
   * @param settings timeouts and MTU
   * @param sender sends a datagram to the browser (called on the session thread)
   * @param listener receives the outcome (called on the session thread)
   */
  public static DtlsServer start(
      DtlsCertificate certificate,
      CertificateFingerprint expectedClientFingerprint,
      DtlsSettings settings,
      Sender sender,
      Listener listener) {
    DtlsServer server =
        new DtlsServer(
            Objects.requireNonNull(certificate, "certificate"),
            Objects.requireNonNull(expectedClientFingerprint, "expectedClientFingerprint"),
            Objects.requireNonNull(settings, "settings"),
            Objects.requireNonNull(sender, "sender"),
            Objects.requireNonNull(listener, "listener"));
    server.thread.start();
    return server;
  }

  /** Whether a datagram starting with this byte is DTLS in RFC 7983's demultiplexing (20–63). */
  public static boolean isDtlsRecord(byte firstByte) {
    int b = firstByte & 0xFF;
    return b >= 20 && b <= 63;
  }

  /**
   * Hands in a datagram received from the browser. Copies it (the caller may reuse {@code data})
   * and returns at once; a datagram arriving while the queue is full is dropped and counted, as the
   * network would.
   */
  public void onPacket(byte[] data, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, data.length);
    transport.offer(data, offset, length);
  }

  /** Whether the handshake completed and the session has not ended. */
  public boolean isConnected() {
    return connected && !finished.get();
  }

  /** Datagrams dropped because the queue was full, they were too large or arrived after close. */
  public long droppedDatagrams() {
    return transport.droppedDatagrams();
  }

  /**
   * Ends the session: sends {@code close_notify} when connected (a fatal alert during the
   * handshake), stops the session thread and releases the queue. Idempotent; no callback runs after
   * it returns (when called from a callback, after that callback returns).
   */
  @Override
  public void close() {
    finished.set(true);
    transport.requestClose();
    if (Thread.currentThread() != thread) {
      try {
        thread.join(CLOSE_JOIN_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    DTLSTransport dtls = null;
    try {
      dtls = new DTLSServerProtocol().accept(tlsServer, transport);
      transport.handshakeCompleted();
      DtlsSrtpKeys keys = tlsServer.keys();
      tlsServer.forgetKeys();
      connected = true;
      log.debug(
          "DTLS handshake complete in {} ms, {}",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
          keys.profile());
      if (!finished.get()) {
        listener.onConnected(keys);
      }
      readUntilClosed(dtls);
    } catch (IOException | RuntimeException e) {
      fail(e);
    } finally {
      if (dtls != null && !tlsServer.closeNotifyReceived()) {
        closeQuietly(dtls); // sends close_notify unless a fatal alert went out already
      }
      transport.close();
      tlsServer.forgetKeys();
    }
  }

  /**
   * Reads the channel after the handshake. There is no application data in a media-only session (no
   * SCTP data channels), so what arrives is alerts and retransmitted handshake records, which BC
   * handles inside {@code receive}.
   */
  private void readUntilClosed(DTLSTransport dtls) throws IOException {
    byte[] buf = new byte[dtls.getReceiveLimit()];
    while (!finished.get()) {
      int n = dtls.receive(buf, 0, buf.length, IDLE_WAIT_MILLIS);
      if (tlsServer.closeNotifyReceived()) {
        end(null, null);
        return;
      }
      if (n > 0) {
        log.debug("ignoring {} bytes of DTLS application data: no data channel", n);
      }
    }
  }

  private void fail(Exception e) {
    if (tlsServer.closeNotifyReceived()) {
      end(null, null);
      return;
    }
    if (transport.receivedAny() && !transport.sentAny() && !finished.get()) {
      // refused while reading the ClientHello: BC cannot send alerts yet, see UnprotectedAlert
      short alert =
          e instanceof TlsFatalAlert a
              ? a.getAlertDescription()
              : AlertDescription.handshake_failure;
      byte[] record = UnprotectedAlert.fatal(alert);
      try {
        sender.send(record, 0, record.length);
      } catch (IOException | RuntimeException sendFailure) {
        log.debug("could not send the {} alert", AlertDescription.getText(alert), sendFailure);
      }
    }
    if (end(reasonFor(e), e)) {
      log.debug("DTLS session failed", e);
    }
  }

  /**
   * Reports the session's end unless it was reported or closed locally already; {@code reason ==
   * null} means closed by the client.
   */
  private boolean end(String reason, Throwable cause) {
    if (!finished.compareAndSet(false, true)) {
      return false;
    }
    if (reason == null) {
      listener.onClosed();
    } else {
      listener.onFailed(reason, cause);
    }
    return true;
  }

  private String reasonFor(Exception e) {
    String rejection = tlsServer.rejection();
    if (rejection != null) {
      return "DTLS handshake refused: " + rejection;
    }
    if (e instanceof TlsTimeoutException && !connected) {
      return "DTLS handshake did not complete within "
          + handshakeTimeoutMillis
          + " ms; the client stopped answering or never started";
    }
    short received = tlsServer.fatalAlertReceived();
    if (received < 0 && e instanceof TlsFatalAlertReceived r) {
      received = r.getAlertDescription();
    }
    if (received >= 0) {
      return "the client sent a fatal "
          + AlertDescription.getText(received)
          + " alert"
          + (connected ? "" : " during the DTLS handshake");
    }
    if (e instanceof TlsFatalAlert a) {
      return (connected ? "DTLS error: " : "DTLS handshake failed: ")
          + AlertDescription.getText(a.getAlertDescription())
          + (a.getMessage() == null ? "" : " (" + a.getMessage() + ")");
    }
    return (connected ? "DTLS error: " : "DTLS handshake failed: ") + e;
  }

  private static void closeQuietly(DTLSTransport dtls) {
    try {
      dtls.close();
    } catch (IOException e) {
      log.debug("DTLS close failed", e);
    }
  }
}
