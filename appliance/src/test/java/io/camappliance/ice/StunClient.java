package io.camappliance.ice;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Random;

/** The browser side of the tests: sends checks and datagrams to the agent from its own port. */
final class StunClient implements AutoCloseable {
  private static final Random RANDOM = new Random(7);

  final DatagramSocket socket;
  private final InetSocketAddress agent;

  StunClient(InetSocketAddress agent) throws IOException {
    this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    this.socket.setSoTimeout(5_000);
    this.agent = new InetSocketAddress(InetAddress.getLoopbackAddress(), agent.getPort());
  }

  InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  static byte[] newTransactionId() {
    byte[] id = new byte[StunMessage.TRANSACTION_ID_LENGTH];
    RANDOM.nextBytes(id);
    return id;
  }

  /** A check as a controlling browser sends it. */
  static StunMessageBuilder check(byte[] tx, String username, String password, boolean nominate) {
    StunMessageBuilder b =
        StunMessage.builder(StunClass.REQUEST, StunMessage.BINDING, tx)
            .username(username)
            .priority(1853824767L)
            .iceControlling(0x1122334455667788L);
    if (nominate) {
      b.useCandidate();
    }
    return b.messageIntegrity(password.getBytes(UTF_8)).fingerprint();
  }

  /** Sends a check and returns the response with the same transaction id. */
  StunMessage bind(String username, String password, boolean nominate) throws Exception {
    byte[] tx = newTransactionId();
    send(check(tx, username, password, nominate).toBytes());
    return responseTo(tx);
  }

  StunMessage responseTo(byte[] tx) throws Exception {
    while (true) {
      byte[] d = receive();
      StunMessage m = StunMessage.parse(d, 0, d.length);
      if (m.hasTransactionId(tx)) {
        return m;
      }
    }
  }

  void send(byte[] datagram) throws IOException {
    socket.send(new DatagramPacket(datagram, datagram.length, agent));
  }

  /** The next datagram; fails after the socket timeout. */
  byte[] receive() throws IOException {
    byte[] buf = new byte[2048];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    socket.receive(p);
    return Arrays.copyOf(buf, p.getLength());
  }

  /** True when nothing arrives within {@code millis}. */
  boolean silentFor(int millis) throws IOException {
    socket.setSoTimeout(millis);
    try {
      receive();
      return false;
    } catch (SocketTimeoutException expected) {
      return true;
    } finally {
      socket.setSoTimeout(5_000);
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
