package io.camappliance.ice;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ICE-lite agent (RFC 8445 §2.5, §7.3) of every WebRTC session on one UDP port.
 *
 * <p>Browsers send STUN Binding requests to the port; the USERNAME {@code ourUfrag:theirUfrag}
 * picks the session, whose password keys MESSAGE-INTEGRITY. A valid request is answered with a
 * Binding success carrying XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY and FINGERPRINT, and its source
 * address becomes one of the session's validated addresses; USE-CANDIDATE makes it the selected one
 * (the browser is always controlling against a lite agent, §6.1.1; its latest nomination wins).
 * DTLS and RTP/RTCP datagrams (RFC 7983) from a validated address go to that session's handler.
 *
 * <p>What is answered and what is dropped:
 *
 * <ul>
 *   <li>Not parseable, no USERNAME or MESSAGE-INTEGRITY, missing or wrong FINGERPRINT: dropped
 *       silently. Without a session to attribute it to there is no one to answer for; a wrong
 *       FINGERPRINT means the datagram is not STUN at all (RFC 8489 §7.3).
 *   <li>A ufrag no session owns: dropped silently and counted. Such requests belong to sessions
 *       that ended (or to scanners); answering would only confirm the port is alive.
 *   <li>A known ufrag with a wrong MESSAGE-INTEGRITY or a wrong remote ufrag: a 401 error response
 *       without MESSAGE-INTEGRITY, as RFC 8445 §7.3 prescribes through the short-term credential
 *       procedure of RFC 8489 §9.1.3. It is no larger than the request, so it cannot amplify.
 *   <li>Authenticated but with unknown comprehension-required attributes: 420 listing them (RFC
 *       8489 §6.3.1). Authenticated with ICE-CONTROLLED: 487 role conflict — a lite agent is always
 *       controlled (RFC 8445 §7.3.1.1), so the browser must take the controlling role.
 * </ul>
 *
 * <p>Consent (RFC 7675): as a lite agent we send no checks of our own; the browser's checks, which
 * it sends at least every few seconds to keep its own consent, keep the session alive. A session
 * whose last valid request is older than the consent timeout, or which saw none within the connect
 * timeout, is removed and its handler's {@code onTimeout} called.
 *
 * <p>One thread receives, answers checks, routes datagrams and expires sessions; sends happen on
 * the caller's thread through the non-blocking channel.
 */
public final class IceLiteAgent implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IceLiteAgent.class);

  /** Largest UDP payload over IPv4: 65535 − 20 (IP header) − 8 (UDP header). */
  private static final int MAX_DATAGRAM = 65_507;

  /** Datagrams read per wake-up before the expiry check runs. */
  private static final int RECEIVE_BATCH = 256;

  private static final int SOCKET_BUFFER = 1 << 20;

  /** RFC 8839 §5.4: ice-ufrag is 4–256 ice-chars, ice-pwd 22–256 ice-chars (ALPHA, DIGIT, + /). */
  private static final Pattern UFRAG = Pattern.compile("[A-Za-z0-9+/]{4,256}");

  private static final Pattern PWD = Pattern.compile("[A-Za-z0-9+/]{22,256}");

  private final IceConfig config;
  private final DatagramChannel channel;
  private final Selector selector;
  private final InetSocketAddress localAddress;
  private final Thread thread;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Map<String, IceSession> sessions = new ConcurrentHashMap<>();
  private final Map<InetSocketAddress, IceSession> routes = new ConcurrentHashMap<>();
  private final SessionParent parent = new Parent();
  private final long connectTimeoutNanos;
  private final long consentTimeoutNanos;
  private final long checkIntervalNanos;

  private final LongAdder bindingSuccesses = new LongAdder();
  private final LongAdder errorResponses = new LongAdder();
  private final LongAdder unknownUfrag = new LongAdder();
  private final LongAdder malformed = new LongAdder();
  private final LongAdder ignoredStun = new LongAdder();
  private final LongAdder unknownSource = new LongAdder();
  private final LongAdder otherDropped = new LongAdder();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder handlerErrors = new LongAdder();
  private final LongAdder sendDropped = new LongAdder();

  private IceLiteAgent(IceConfig config, DatagramChannel channel, Selector selector)
      throws IOException {
    this.config = config;
    this.channel = channel;
    this.selector = selector;
    this.localAddress = (InetSocketAddress) channel.getLocalAddress();
    this.connectTimeoutNanos = config.connectTimeout().toNanos();
    this.consentTimeoutNanos = config.consentTimeout().toNanos();
    this.checkIntervalNanos = config.checkInterval().toNanos();
    this.thread = new Thread(this::run, "ice-lite-" + localAddress.getPort());
    this.thread.setDaemon(true);
  }

  /** Binds {@code bind} (port 0: an ephemeral port) with the default settings and starts. */
  public static IceLiteAgent start(InetSocketAddress bind) throws IOException {
    return start(bind, IceConfig.defaults());
  }

  /** Binds {@code bind} (port 0: an ephemeral port) and starts the receive thread. */
  public static IceLiteAgent start(InetSocketAddress bind, IceConfig config) throws IOException {
    DatagramChannel channel = DatagramChannel.open();
    Selector selector = null;
    try {
      trySetBuffer(channel, StandardSocketOptions.SO_RCVBUF);
      trySetBuffer(channel, StandardSocketOptions.SO_SNDBUF);
      channel.bind(bind);
      channel.configureBlocking(false);
      selector = Selector.open();
      channel.register(selector, SelectionKey.OP_READ);
      IceLiteAgent agent = new IceLiteAgent(config, channel, selector);
      agent.thread.start();
      return agent;
    } catch (IOException | RuntimeException e) {
      channel.close();
      if (selector != null) {
        selector.close();
      }
      throw e;
    }
  }

  private static void trySetBuffer(DatagramChannel channel, java.net.SocketOption<Integer> option) {
    try {
      channel.setOption(option, SOCKET_BUFFER);
    } catch (IOException | UnsupportedOperationException e) {
      log.debug("cannot set {}: {}", option, e.toString());
    }
  }

  /** The bound address and port. */
  public InetSocketAddress localAddress() {
    return localAddress;
  }

  /**
   * Registers a session: our ufrag and password (from our SDP answer) and the browser's ufrag (from
   * its offer). Checks must carry USERNAME {@code localUfrag:remoteUfrag}.
   *
   * @throws IllegalArgumentException when a credential is not valid ice-chars of RFC 8839 length,
   *     or {@code localUfrag} is already registered
   * @throws IllegalStateException when the agent is closed
   */
  public IceSession register(
      String localUfrag, String localPwd, String remoteUfrag, IceSession.Handler handler) {
    requireMatches("local ufrag", localUfrag, UFRAG);
    requireMatches("local password", localPwd, PWD);
    requireMatches("remote ufrag", remoteUfrag, UFRAG);
    if (handler == null) {
      throw new IllegalArgumentException("handler is required");
    }
    if (closed.get()) {
      throw new IllegalStateException("ICE agent on " + localAddress + " is closed");
    }
    IceSession session =
        new IceSession(
            parent, localUfrag, localPwd, remoteUfrag, handler, config.nanoClock().getAsLong());
    if (sessions.putIfAbsent(localUfrag, session) != null) {
      throw new IllegalArgumentException("local ufrag " + localUfrag + " is already registered");
    }
    return session;
  }

  private static void requireMatches(String what, String value, Pattern pattern) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what + " '" + value + "' is not " + pattern.pattern() + " (RFC 8839 ice-char)");
    }
  }

  /** The number of registered sessions. */
  public int sessionCount() {
    return sessions.size();
  }

  /**
   * The addresses browsers can reach the port on: the configured list, else the bound address if it
   * is specific, else every up, non-loopback, non-link-local IPv4 address followed by loopback.
   */
  public List<InetSocketAddress> hostAddresses() {
    int port = localAddress.getPort();
    List<InetSocketAddress> out = new ArrayList<>();
    if (!config.hostAddresses().isEmpty()) {
      for (InetAddress a : config.hostAddresses()) {
        out.add(new InetSocketAddress(a, port));
      }
      return out;
    }
    if (!localAddress.getAddress().isAnyLocalAddress()) {
      return List.of(localAddress);
    }
    try {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nif.isUp() || nif.isLoopback()) {
          continue;
        }
        for (InetAddress a : Collections.list(nif.getInetAddresses())) {
          if (a instanceof Inet4Address && !a.isLinkLocalAddress() && !a.isLoopbackAddress()) {
            out.add(new InetSocketAddress(a, port));
          }
        }
      }
    } catch (SocketException e) {
      log.warn("cannot list network interfaces, advertising loopback only: {}", e.toString());
    }
    out.add(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    return out;
  }

  /** {@link #hostAddresses()} as host candidates, the first preferred. */
  public List<HostCandidate> hostCandidates() {
    return HostCandidate.of(hostAddresses());
  }

  public IceStats stats() {
    return new IceStats(
        bindingSuccesses.sum(),
        errorResponses.sum(),
        unknownUfrag.sum(),
        malformed.sum(),
        ignoredStun.sum(),
        unknownSource.sum(),
        otherDropped.sum(),
        delivered.sum(),
        handlerErrors.sum(),
        sendDropped.sum());
  }

  /** Stops the receive thread, closes the socket and forgets every session. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    selector.wakeup();
    if (Thread.currentThread() != thread) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    closeQuietly();
    for (IceSession s : sessions.values()) {
      s.markClosed();
    }
    sessions.clear();
    routes.clear();
  }

  private void closeQuietly() {
    try {
      selector.close();
    } catch (IOException e) {
      log.debug("closing selector: {}", e.toString());
    }
    try {
      channel.close();
    } catch (IOException e) {
      log.debug("closing channel: {}", e.toString());
    }
  }

  private void run() {
    ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
    byte[] buf = buffer.array();
    long lastCheck = config.nanoClock().getAsLong();
    long intervalMillis = Math.max(1, config.checkInterval().toMillis());
    try {
      while (!closed.get()) {
        selector.select(intervalMillis);
        selector.selectedKeys().clear();
        for (int i = 0; i < RECEIVE_BATCH && !closed.get(); i++) {
          buffer.clear();
          SocketAddress from = channel.receive(buffer);
          if (from == null) {
            break;
          }
          handle(buf, buffer.position(), (InetSocketAddress) from);
        }
        long now = config.nanoClock().getAsLong();
        if (now - lastCheck >= checkIntervalNanos) {
          lastCheck = now;
          expireSessions();
        }
      }
    } catch (ClosedChannelException e) {
      // close() raced the loop: nothing left to do.
    } catch (IOException | RuntimeException e) {
      if (!closed.get()) {
        log.error("ICE receive loop on {} failed; the port is closed", localAddress, e);
      }
    } finally {
      if (closed.compareAndSet(false, true)) {
        closeQuietly();
      }
    }
  }

  private void handle(byte[] buf, int len, InetSocketAddress from) {
    if (len == 0) {
      otherDropped.increment();
      return;
    }
    switch (PacketType.of(buf[0])) {
      case STUN:
        onStun(buf, len, from);
        break;
      case DTLS:
      case RTP:
        deliver(buf, len, from);
        break;
      default:
        otherDropped.increment();
    }
  }

  private void deliver(byte[] buf, int len, InetSocketAddress from) {
    IceSession session = routes.get(from);
    if (session == null) {
      unknownSource.increment();
      return;
    }
    delivered.increment();
    try {
      session.handler.onPacket(buf, 0, len);
    } catch (RuntimeException e) {
      handlerErrors.increment();
      log.warn("{} handler failed on a packet from {}", session, from, e);
    }
  }

  private void onStun(byte[] buf, int len, InetSocketAddress from) {
    StunMessage request;
    try {
      request = StunMessage.parse(buf, 0, len);
    } catch (StunException e) {
      malformed.increment();
      log.debug("malformed STUN from {}: {}", from, e.getMessage());
      return;
    }
    if (!request.isBindingRequest()) {
      ignoredStun.increment();
      return;
    }
    String username = request.username().orElse(null);
    if (username == null || !request.hasMessageIntegrity() || !request.verifyFingerprint()) {
      malformed.increment();
      return;
    }
    int colon = username.indexOf(':');
    IceSession session = sessions.get(colon < 0 ? username : username.substring(0, colon));
    if (session == null || session.isClosed()) {
      unknownUfrag.increment();
      return;
    }
    if (!request.verifyIntegrity(session.localKey()) || !session.usernameMatches(username)) {
      reply(request, from, null, 401, "Unauthenticated", List.of());
      return;
    }
    List<Integer> unknown = request.unknownRequiredAttributes();
    if (!unknown.isEmpty()) {
      reply(request, from, session, 420, "Unknown Attribute", unknown);
      return;
    }
    if (request.iceControlled().isPresent()) {
      reply(request, from, session, 487, "Role Conflict", List.of());
      return;
    }
    // Validate first: the browser may send DTLS the moment it sees the response.
    validate(session, from, request.useCandidate(), config.nanoClock().getAsLong());
    byte[] response =
        StunMessage.builder(
                StunClass.SUCCESS_RESPONSE, StunMessage.BINDING, request.transactionId())
            .xorMappedAddress(from)
            .messageIntegrity(session.localKey())
            .fingerprint()
            .toBytes();
    // Counted before sending so the count is settled when the browser sees the answer.
    bindingSuccesses.increment();
    send(response, 0, response.length, from);
  }

  private void validate(IceSession session, InetSocketAddress from, boolean nominate, long now) {
    try {
      InetSocketAddress evicted = session.onValidCheck(from, nominate, now);
      if (evicted != null) {
        routes.remove(evicted, session);
      }
    } catch (RuntimeException e) {
      handlerErrors.increment();
      log.warn("{} handler failed on selection of {}", session, from, e);
    }
    routes.put(from, session);
    if (session.isClosed()) {
      // Closed while this check was handled: undo the route it just got.
      routes.remove(from, session);
    }
  }

  /** An error response; with MESSAGE-INTEGRITY only when {@code session} authenticated it. */
  private void reply(
      StunMessage request,
      InetSocketAddress to,
      IceSession session,
      int code,
      String reason,
      List<Integer> unknown) {
    StunMessageBuilder b =
        StunMessage.builder(StunClass.ERROR_RESPONSE, StunMessage.BINDING, request.transactionId())
            .errorCode(code, reason);
    if (!unknown.isEmpty()) {
      b.unknownAttributes(unknown);
    }
    if (session != null) {
      b.messageIntegrity(session.localKey());
    }
    byte[] response = b.fingerprint().toBytes();
    errorResponses.increment();
    send(response, 0, response.length, to);
  }

  /**
   * Removes sessions whose consent expired or that never connected, then calls their handlers.
   * Synchronized so that a caller driving a fake clock sees the receive thread's pass complete.
   */
  synchronized void expireSessions() {
    long now = config.nanoClock().getAsLong();
    for (IceSession s : sessions.values()) {
      String reason = s.expiry(now, connectTimeoutNanos, consentTimeoutNanos);
      if (reason != null && s.markClosed()) {
        forget(s);
        try {
          s.handler.onTimeout(reason);
        } catch (RuntimeException e) {
          handlerErrors.increment();
          log.warn("{} handler failed on timeout", s, e);
        }
      }
    }
  }

  boolean send(byte[] buf, int off, int len, InetSocketAddress to) {
    try {
      if (channel.send(ByteBuffer.wrap(buf, off, len), to) == len) {
        return true;
      }
    } catch (IOException e) {
      log.debug("send to {} failed: {}", to, e.toString());
    }
    sendDropped.increment();
    return false;
  }

  private void forget(IceSession session) {
    sessions.remove(session.localUfrag(), session);
    routes.values().removeIf(s -> s == session);
  }

  private final class Parent implements SessionParent {
    @Override
    public boolean send(byte[] buf, int off, int len, InetSocketAddress to) {
      return IceLiteAgent.this.send(buf, off, len, to);
    }

    @Override
    public void remove(IceSession session) {
      forget(session);
    }
  }
}
