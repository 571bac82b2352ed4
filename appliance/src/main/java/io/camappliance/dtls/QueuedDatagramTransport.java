package io.camappliance.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.TlsTimeoutException;

/**
 * Bouncy Castle's view of one session's datagrams: the ICE layer pushes received DTLS datagrams in
 * with {@link #offer}, BC pulls them with {@link #receive} on the session thread, and BC's output
 * goes straight to the ICE layer's sender.
 *
 * <p>Two ways out of a blocked {@link #receive}, both as exceptions so BC stops at once instead of
 * spinning through its retry loop: the handshake deadline ({@link TlsTimeoutException}) and a close
 * requested by the application ({@link InterruptedIOException}, which BC's {@code DTLSTransport}
 * passes through without raising an alert, so the caller can still send {@code close_notify}).
 * Sends keep working until BC itself calls {@link #close()}.
 */
final class QueuedDatagramTransport implements DatagramTransport {
  /**
   * The largest DTLS record: 2^14 plaintext + 2048 expansion (RFC 5246 §6.2.3) + 13-byte header
   * (RFC 6347 §4.1). Larger datagrams are not DTLS and are dropped.
   */
  static final int MAX_DATAGRAM = (1 << 14) + 2048 + 13;

  /** A handshake flight is under ten datagrams; a client that sends more is flooding us. */
  private static final int QUEUE_CAPACITY = 64;

  private static final byte[] WAKE_UP = new byte[0];

  private final BlockingQueue<byte[]> inbound = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final DtlsServer.Sender sender;
  private final int sendLimit;
  private final long handshakeTimeoutMillis;
  private final long handshakeDeadlineNanos;
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean receivedAny;
  private volatile boolean sentAny;
  private volatile boolean handshakeComplete;
  private volatile boolean closeRequested;
  private volatile boolean closed;

  QueuedDatagramTransport(DtlsServer.Sender sender, DtlsSettings settings, long startNanos) {
    this.sender = sender;
    this.sendLimit = settings.mtu();
    this.handshakeTimeoutMillis = settings.handshakeTimeout().toMillis();
    this.handshakeDeadlineNanos = startNanos + settings.handshakeTimeout().toNanos();
  }

  /** Queues a copy of a received datagram; drops it (counted) when full, closed or oversized. */
  void offer(byte[] data, int offset, int length) {
    if (closeRequested || closed || length < 1 || length > MAX_DATAGRAM) {
      dropped.incrementAndGet();
      return;
    }
    byte[] copy = new byte[length];
    System.arraycopy(data, offset, copy, 0, length);
    if (!inbound.offer(copy)) {
      dropped.incrementAndGet();
    }
  }

  /** From now on {@link #receive} waits without a deadline. */
  void handshakeCompleted() {
    handshakeComplete = true;
  }

  /** Makes the session thread's current and next {@link #receive} throw. */
  void requestClose() {
    closeRequested = true;
    inbound.clear();
    inbound.offer(WAKE_UP);
  }

  /** Whether a datagram reached Bouncy Castle. */
  boolean receivedAny() {
    return receivedAny;
  }

  /** Whether Bouncy Castle sent anything; it sends nothing before it accepted a ClientHello. */
  boolean sentAny() {
    return sentAny;
  }

  long droppedDatagrams() {
    return dropped.get();
  }

  @Override
  public int getReceiveLimit() {
    return MAX_DATAGRAM;
  }

  @Override
  public int getSendLimit() {
    return sendLimit;
  }

  @Override
  public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
    long wait = waitMillis > 0 ? waitMillis : Long.MAX_VALUE; // 0 waits forever, like a socket
    if (!handshakeComplete) {
      long remaining = TimeUnit.NANOSECONDS.toMillis(handshakeDeadlineNanos - System.nanoTime());
      if (remaining <= 0) {
        throw new TlsTimeoutException(
            "DTLS handshake did not complete within " + handshakeTimeoutMillis + " ms");
      }
      wait = Math.min(wait, remaining);
    }
    checkOpen();
    byte[] datagram;
    try {
      datagram = inbound.poll(wait, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a DTLS datagram");
    }
    checkOpen();
    if (datagram == null) {
      return -1;
    }
    receivedAny = true;
    int n = Math.min(len, datagram.length);
    System.arraycopy(datagram, 0, buf, off, n);
    return n;
  }

  @Override
  public void send(byte[] buf, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("DTLS transport closed");
    }
    sentAny = true;
    sender.send(buf, off, len);
  }

  @Override
  public void close() {
    closed = true;
    inbound.clear();
    inbound.offer(WAKE_UP);
  }

  private void checkOpen() throws InterruptedIOException {
    if (closeRequested || closed) {
      throw new InterruptedIOException("DTLS session closed");
    }
  }
}
