package io.camappliance.dtls;

import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.bouncycastle.tls.DatagramTransport;

/**
 * An in-memory datagram path between a test client (Bouncy Castle's {@link DatagramTransport}) and
 * a {@link DtlsServer} (its sender and {@code onPacket}), with scripted loss per direction: a
 * predicate on the index of the datagram in its direction (0, 1, 2, …) says which to drop.
 */
final class MemoryDatagramLink {
  private static final byte[] CLOSED = new byte[0];

  private final BlockingQueue<byte[]> toClient = new LinkedBlockingQueue<>();
  private final IntPredicate dropToServer;
  private final IntPredicate dropToClient;
  private final AtomicInteger sentToServer = new AtomicInteger();
  private final AtomicInteger sentToClient = new AtomicInteger();
  private final AtomicInteger dropped = new AtomicInteger();
  private final List<byte[]> deliveredToClient = new CopyOnWriteArrayList<>();
  private volatile DtlsServer server;
  private volatile boolean clientClosed;

  MemoryDatagramLink(IntPredicate dropToServer, IntPredicate dropToClient) {
    this.dropToServer = dropToServer;
    this.dropToClient = dropToClient;
  }

  static MemoryDatagramLink lossless() {
    return new MemoryDatagramLink(i -> false, i -> false);
  }

  void attach(DtlsServer server) {
    this.server = server;
  }

  int dropped() {
    return dropped.get();
  }

  /** Every datagram the server sent that was not dropped, in order. */
  List<byte[]> deliveredToClient() {
    return deliveredToClient;
  }

  DtlsServer.Sender serverSender() {
    return (data, offset, length) -> {
      if (dropToClient.test(sentToClient.getAndIncrement())) {
        dropped.incrementAndGet();
        return;
      }
      byte[] copy = java.util.Arrays.copyOfRange(data, offset, offset + length);
      deliveredToClient.add(copy);
      toClient.add(copy);
    };
  }

  DatagramTransport clientTransport(int mtu) {
    return new DatagramTransport() {
      @Override
      public int getReceiveLimit() {
        return QueuedDatagramTransport.MAX_DATAGRAM;
      }

      @Override
      public int getSendLimit() {
        return mtu;
      }

      @Override
      public int receive(byte[] buf, int off, int len, int waitMillis)
          throws InterruptedIOException {
        if (clientClosed) {
          throw new InterruptedIOException("client transport closed");
        }
        byte[] d;
        try {
          d = toClient.poll(waitMillis > 0 ? waitMillis : Long.MAX_VALUE, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException();
        }
        if (d == null) {
          return -1;
        }
        if (d == CLOSED) {
          throw new InterruptedIOException("client transport closed");
        }
        int n = Math.min(len, d.length);
        System.arraycopy(d, 0, buf, off, n);
        return n;
      }

      @Override
      public void send(byte[] buf, int off, int len) {
        if (dropToServer.test(sentToServer.getAndIncrement())) {
          dropped.incrementAndGet();
          return;
        }
        server.onPacket(buf, off, len);
      }

      @Override
      public void close() {
        closeClient();
      }
    };
  }

  /** Wakes a client blocked in receive and makes it fail. */
  void closeClient() {
    clientClosed = true;
    toClient.add(CLOSED);
  }
}
