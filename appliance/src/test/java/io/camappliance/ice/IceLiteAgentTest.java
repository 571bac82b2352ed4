package io.camappliance.ice;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IceLiteAgentTest {
  private static final String PWD_A = "aaaaaaaaaaaaaaaaaaaaaaaa";
  private static final String PWD_B = "bbbbbbbbbbbbbbbbbbbbbbbb";
  private static final InetSocketAddress LOOPBACK =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  private final AtomicLong fakeNanos = new AtomicLong(1_000_000_000L);
  private IceLiteAgent agent;
  private StunClient client;
  private StunClient other;

  @AfterEach
  void closeEverything() {
    if (client != null) {
      client.close();
    }
    if (other != null) {
      other.close();
    }
    if (agent != null) {
      agent.close();
    }
  }

  @AfterAll
  static void leavesNoReceiveThreadBehind() {
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().startsWith("ice-lite-") && t.isAlive());
  }

  @Test
  void acceptsRandomCredentials() throws Exception {
    startAgent();
    IceCredentials ours = IceCredentials.random();
    IceCredentials theirs = IceCredentials.random();
    IceSession session =
        agent.register(ours.ufrag(), ours.pwd(), theirs.ufrag(), new RecordingHandler());

    StunMessage response = client.bind(ours.ufrag() + ":" + theirs.ufrag(), ours.pwd(), true);

    assertThat(response.verifyIntegrity(ours.pwd().getBytes(UTF_8))).isTrue();
    assertThat(session.selectedAddress()).contains(client.address());
    assertThat(IceCredentials.random()).isNotEqualTo(ours);
    assertThat(ours.toString()).doesNotContain(ours.pwd());
  }

  private void startAgent(IceConfig config) throws Exception {
    agent = IceLiteAgent.start(LOOPBACK, config);
    client = new StunClient(agent.localAddress());
    other = new StunClient(agent.localAddress());
  }

  private void startAgent() throws Exception {
    startAgent(IceConfig.defaults());
  }

  @Test
  void answersAValidCheckWithTheBrowsersAddressAndSelectsIt() throws Exception {
    startAgent();
    RecordingHandler handler = new RecordingHandler();
    IceSession session = agent.register("srvA", PWD_A, "brwA", handler);

    byte[] tx = StunClient.newTransactionId();
    client.send(StunClient.check(tx, "srvA:brwA", PWD_A, true).toBytes());
    StunMessage response = client.responseTo(tx);

    assertThat(response.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
    assertThat(response.method()).isEqualTo(StunMessage.BINDING);
    assertThat(response.transactionId()).isEqualTo(tx);
    assertThat(response.xorMappedAddress()).contains(client.address());
    assertThat(response.verifyIntegrity(PWD_A.getBytes(UTF_8))).isTrue();
    assertThat(response.verifyFingerprint()).isTrue();
    assertThat(session.selectedAddress()).contains(client.address());
    assertThat(handler.selections).containsExactly(client.address());
    assertThat(agent.stats().bindingSuccesses()).isEqualTo(1);
  }

  @Test
  void answersAWrongPasswordWith401AndSelectsNothing() throws Exception {
    startAgent();
    IceSession session = agent.register("srvA", PWD_A, "brwA", new RecordingHandler());

    StunMessage response = client.bind("srvA:brwA", PWD_B, true);

    assertThat(response.messageClass()).isEqualTo(StunClass.ERROR_RESPONSE);
    assertThat(response.errorCode()).isEqualTo(401);
    assertThat(response.hasMessageIntegrity()).isFalse();
    assertThat(response.verifyFingerprint()).isTrue();
    assertThat(session.selectedAddress()).isEmpty();
    assertThat(agent.stats().bindingSuccesses()).isZero();
    assertThat(agent.stats().errorResponses()).isEqualTo(1);
  }

  @Test
  void answersAWrongRemoteUfragWith401() throws Exception {
    startAgent();
    IceSession session = agent.register("srvA", PWD_A, "brwA", new RecordingHandler());

    StunMessage response = client.bind("srvA:brwX", PWD_A, true);

    assertThat(response.errorCode()).isEqualTo(401);
    assertThat(session.selectedAddress()).isEmpty();
  }

  @Test
  void dropsChecksForAnUnknownUfragAndCountsThem() throws Exception {
    startAgent();
    agent.register("srvA", PWD_A, "brwA", new RecordingHandler());
    byte[] lost = StunClient.newTransactionId();
    client.send(StunClient.check(lost, "nobody:brwA", PWD_A, true).toBytes());

    // The agent handles datagrams in order: the answer to the next check is the first one back.
    byte[] tx = StunClient.newTransactionId();
    client.send(StunClient.check(tx, "srvA:brwA", PWD_A, true).toBytes());
    byte[] first = client.receive();

    assertThat(StunMessage.parse(first, 0, first.length).hasTransactionId(tx)).isTrue();
    assertThat(agent.stats().unknownUfrag()).isEqualTo(1);
  }

  @Test
  void dropsChecksWithoutFingerprintOrIntegrity() throws Exception {
    startAgent();
    agent.register("srvA", PWD_A, "brwA", new RecordingHandler());
    client.send(
        StunMessage.builder(StunClass.REQUEST, StunMessage.BINDING, StunClient.newTransactionId())
            .username("srvA:brwA")
            .messageIntegrity(PWD_A.getBytes(UTF_8))
            .toBytes());
    client.send(
        StunMessage.builder(StunClass.REQUEST, StunMessage.BINDING, StunClient.newTransactionId())
            .username("srvA:brwA")
            .fingerprint()
            .toBytes());
    client.send(new byte[] {0, 1, 0, 0, 1, 2, 3}); // STUN's first byte, too short

    StunMessage answered = client.bind("srvA:brwA", PWD_A, false);

    assertThat(answered.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
    assertThat(agent.stats().malformed()).isEqualTo(3);
    assertThat(agent.stats().errorResponses()).isZero();
  }

  @Test
  void answersAControlledBrowserWithRoleConflict() throws Exception {
    startAgent();
    IceSession session = agent.register("srvA", PWD_A, "brwA", new RecordingHandler());
    byte[] tx = StunClient.newTransactionId();
    client.send(
        StunMessage.builder(StunClass.REQUEST, StunMessage.BINDING, tx)
            .username("srvA:brwA")
            .iceControlled(42)
            .messageIntegrity(PWD_A.getBytes(UTF_8))
            .fingerprint()
            .toBytes());

    StunMessage response = client.responseTo(tx);

    assertThat(response.errorCode()).isEqualTo(487);
    assertThat(response.verifyIntegrity(PWD_A.getBytes(UTF_8))).isTrue();
    assertThat(session.selectedAddress()).isEmpty();
  }

  @Test
  void answersUnknownRequiredAttributesWith420ListingThem() throws Exception {
    startAgent();
    agent.register("srvA", PWD_A, "brwA", new RecordingHandler());
    byte[] tx = StunClient.newTransactionId();
    byte[] check = StunClient.check(tx, "srvA:brwA", PWD_A, false).toBytes();
    // Insert an unknown comprehension-required attribute 0x7001 before MESSAGE-INTEGRITY, re-sign.
    StunMessage parsed = StunMessage.parse(check, 0, check.length);
    byte[] withUnknown =
        resign(Rfc5769.hex("70010000"), "srvA:brwA", tx, parsed.priority().getAsLong());
    client.send(withUnknown);

    StunMessage response = client.responseTo(tx);

    assertThat(response.errorCode()).isEqualTo(420);
    assertThat(HexFormatHelper.attribute(response.toBytes(), StunAttribute.UNKNOWN_ATTRIBUTES))
        .isEqualTo("7001");
  }

  /** A check whose attributes are USERNAME, PRIORITY, {@code extra}, then MI and FINGERPRINT. */
  private static byte[] resign(byte[] extra, String username, byte[] tx, long priority) {
    byte[] body =
        StunMessage.builder(StunClass.REQUEST, StunMessage.BINDING, tx)
            .username(username)
            .priority(priority)
            .toBytes();
    byte[] unsigned = new byte[body.length + extra.length];
    System.arraycopy(body, 0, unsigned, 0, body.length);
    System.arraycopy(extra, 0, unsigned, body.length, extra.length);
    int length = unsigned.length - StunMessage.HEADER_LENGTH + 24 + 8;
    byte[] out = new byte[unsigned.length + 24 + 8];
    System.arraycopy(unsigned, 0, out, 0, unsigned.length);
    out[2] = (byte) (length >>> 8);
    out[3] = (byte) length;
    int mi = unsigned.length;
    byte[] mac = StunMessage.hmacSha1(PWD_A.getBytes(UTF_8), out, mi);
    out[mi] = 0x00;
    out[mi + 1] = 0x08;
    out[mi + 3] = 20;
    System.arraycopy(mac, 0, out, mi + 4, 20);
    int fp = mi + 24;
    int crc = StunMessage.fingerprint(out, fp);
    out[fp] = (byte) 0x80;
    out[fp + 1] = 0x28;
    out[fp + 3] = 4;
    out[fp + 4] = (byte) (crc >>> 24);
    out[fp + 5] = (byte) (crc >>> 16);
    out[fp + 6] = (byte) (crc >>> 8);
    out[fp + 7] = (byte) crc;
    return out;
  }

  @Test
  void demultiplexesTwoSessionsOnOnePortByUfrag() throws Exception {
    startAgent();
    RecordingHandler ha = new RecordingHandler();
    RecordingHandler hb = new RecordingHandler();
    IceSession a = agent.register("srvA", PWD_A, "brwA", ha);
    IceSession b = agent.register("srvB", PWD_B, "brwB", hb);

    StunMessage ra = client.bind("srvA:brwA", PWD_A, true);
    StunMessage rb = other.bind("srvB:brwB", PWD_B, true);
    StunMessage crossed = other.bind("srvA:brwA", PWD_B, true);

    assertThat(ra.verifyIntegrity(PWD_A.getBytes(UTF_8))).isTrue();
    assertThat(rb.verifyIntegrity(PWD_B.getBytes(UTF_8))).isTrue();
    assertThat(rb.verifyIntegrity(PWD_A.getBytes(UTF_8))).isFalse();
    assertThat(ra.xorMappedAddress()).contains(client.address());
    assertThat(rb.xorMappedAddress()).contains(other.address());
    assertThat(crossed.errorCode()).isEqualTo(401);
    assertThat(a.selectedAddress()).contains(client.address());
    assertThat(b.selectedAddress()).contains(other.address());
    assertThat(agent.sessionCount()).isEqualTo(2);
  }

  @Test
  void routesDtlsAndRtpToTheSessionOfTheirSourceAddress() throws Exception {
    startAgent();
    RecordingHandler ha = new RecordingHandler();
    RecordingHandler hb = new RecordingHandler();
    agent.register("srvA", PWD_A, "brwA", ha);
    agent.register("srvB", PWD_B, "brwB", hb);
    client.bind("srvA:brwA", PWD_A, true);
    other.bind("srvB:brwB", PWD_B, true);
    byte[] clientHello = {22, (byte) 0xfe, (byte) 0xfd, 0, 0, 1, 2, 3};
    byte[] rtp = {(byte) 0x80, 96, 0, 1, 0, 0, 0, 9, 1, 2, 3, 4, 5};
    byte[] rtcp = {(byte) 0x81, (byte) 200, 0, 6};

    client.send(clientHello);
    other.send(rtp);
    client.send(rtcp);

    assertThat(ha.nextPacket()).isEqualTo(clientHello);
    assertThat(ha.nextPacket()).isEqualTo(rtcp);
    assertThat(hb.nextPacket()).isEqualTo(rtp);
    assertThat(ha.packets).isEmpty();
    assertThat(hb.packets).isEmpty();
    assertThat(agent.stats().delivered()).isEqualTo(3);
  }

  @Test
  void dropsMediaFromAnUnvalidatedAddressAndOtherPacketClasses() throws Exception {
    startAgent();
    RecordingHandler ha = new RecordingHandler();
    agent.register("srvA", PWD_A, "brwA", ha);
    client.bind("srvA:brwA", PWD_A, true);

    other.send(new byte[] {22, (byte) 0xfe, (byte) 0xfd, 0}); // DTLS from a stranger
    other.send(new byte[] {(byte) 0x80, 96, 0, 1}); // RTP from a stranger
    client.send(new byte[] {70, 0, 0, 0}); // TURN channel data: not served here
    client.send(new byte[] {(byte) 0xff, 1}); // no class at all
    client.send(new byte[] {(byte) 0x80, 96, 0, 2}); // marker: arrives after the client's drops

    assertThat(ha.nextPacket()).containsExactly((byte) 0x80, 96, 0, 2);
    awaitTrue(() -> agent.stats().unknownSource() == 2);
    assertThat(agent.stats().otherDropped()).isEqualTo(2);
    assertThat(ha.packets).isEmpty();
  }

  @Test
  void sendsToTheSelectedAddressOnlyOnceOneExists() throws Exception {
    startAgent();
    IceSession session = agent.register("srvA", PWD_A, "brwA", new RecordingHandler());
    byte[] srtp = {(byte) 0x80, 96, 0, 7, 9, 9, 9};

    assertThat(session.send(srtp, 0, srtp.length)).isFalse();
    assertThat(session.sendsWithoutAddress()).isEqualTo(1);

    client.bind("srvA:brwA", PWD_A, true);
    byte[] framed = new byte[srtp.length + 4];
    System.arraycopy(srtp, 0, framed, 2, srtp.length);
    assertThat(session.send(framed, 2, srtp.length)).isTrue();

    assertThat(client.receive()).isEqualTo(srtp);
    assertThat(session.sendsWithoutAddress()).isEqualTo(1);
  }

  @Test
  void theLatestNominatedAddressWins() throws Exception {
    startAgent();
    RecordingHandler handler = new RecordingHandler();
    IceSession session = agent.register("srvA", PWD_A, "brwA", handler);

    other.bind("srvA:brwA", PWD_A, false); // validated, provisionally selected
    assertThat(session.selectedAddress()).contains(other.address());
    client.bind("srvA:brwA", PWD_A, true); // nominated
    assertThat(session.selectedAddress()).contains(client.address());
    other.bind("srvA:brwA", PWD_A, false); // a plain check does not move a nomination
    assertThat(session.selectedAddress()).contains(client.address());
    other.bind("srvA:brwA", PWD_A, true); // a newer nomination does
    assertThat(session.selectedAddress()).contains(other.address());

    assertThat(handler.selections)
        .containsExactly(other.address(), client.address(), other.address());
    // Both addresses stay validated: media from either reaches the session.
    client.send(new byte[] {(byte) 0x80, 1});
    other.send(new byte[] {(byte) 0x80, 2});
    assertThat(List.of(handler.nextPacket()[1], handler.nextPacket()[1]))
        .containsExactlyInAnyOrder((byte) 1, (byte) 2);
  }

  @Test
  void aSessionNeverCheckedTimesOutAfterTheConnectTimeout() throws Exception {
    startAgent(IceConfig.defaults().withNanoClock(fakeNanos::get));
    RecordingHandler handler = new RecordingHandler();
    IceSession session = agent.register("srvA", PWD_A, "brwA", handler);

    advance(Duration.ofSeconds(14).plusMillis(999));
    agent.expireSessions();
    assertThat(handler.timeouts).isEmpty();
    assertThat(agent.sessionCount()).isEqualTo(1);

    advance(Duration.ofMillis(1));
    agent.expireSessions();
    assertThat(handler.timeouts).containsExactly("no connectivity check within 15000 ms");
    assertThat(agent.sessionCount()).isZero();
    assertThat(session.isClosed()).isTrue();
  }

  @Test
  void consentExpiresThirtySecondsAfterTheLastValidCheck() throws Exception {
    startAgent(IceConfig.defaults().withNanoClock(fakeNanos::get));
    RecordingHandler handler = new RecordingHandler();
    IceSession session = agent.register("srvA", PWD_A, "brwA", handler);
    advance(Duration.ofSeconds(10));
    client.bind("srvA:brwA", PWD_A, true);

    advance(Duration.ofSeconds(25));
    agent.expireSessions();
    client.bind("srvA:brwA", PWD_A, false); // a consent check refreshes
    advance(Duration.ofSeconds(29));
    agent.expireSessions();
    assertThat(handler.timeouts).isEmpty();
    assertThat(client.bind("srvA:brwB", PWD_B, false).errorCode()).isEqualTo(401);
    advance(Duration.ofSeconds(1)); // a failed check does not refresh
    agent.expireSessions();

    assertThat(handler.timeouts)
        .containsExactly("consent expired: no Binding request for 30000 ms");
    assertThat(agent.sessionCount()).isZero();
    assertThat(session.selectedAddress()).isPresent();
    assertThat(session.send(new byte[] {1}, 0, 1)).isFalse();
    // Gone from the registry and from the routes.
    client.send(new byte[] {(byte) 0x80, 0});
    byte[] tx = StunClient.newTransactionId();
    client.send(StunClient.check(tx, "srvA:brwA", PWD_A, true).toBytes());
    assertThat(client.silentFor(300)).isTrue();
    awaitTrue(() -> agent.stats().unknownUfrag() == 1 && agent.stats().unknownSource() == 1);
    assertThat(handler.packets).isEmpty();
  }

  @Test
  void theReceiveThreadFiresTimeoutsByItself() throws Exception {
    startAgent(
        IceConfig.defaults()
            .withConnectTimeout(Duration.ofMillis(50))
            .withCheckInterval(Duration.ofMillis(10)));
    RecordingHandler handler = new RecordingHandler();
    agent.register("srvA", PWD_A, "brwA", handler);

    assertThat(handler.timeouts.poll(5, TimeUnit.SECONDS)).startsWith("no connectivity check");
    assertThat(agent.sessionCount()).isZero();
  }

  @Test
  void closingASessionForgetsItWithoutATimeout() throws Exception {
    startAgent(IceConfig.defaults().withNanoClock(fakeNanos::get));
    RecordingHandler handler = new RecordingHandler();
    IceSession session = agent.register("srvA", PWD_A, "brwA", handler);
    client.bind("srvA:brwA", PWD_A, true);

    session.close();
    session.close();
    advance(Duration.ofMinutes(5));
    agent.expireSessions();

    assertThat(agent.sessionCount()).isZero();
    assertThat(handler.timeouts).isEmpty();
    assertThat(agent.register("srvA", PWD_B, "brwA", handler)).isNotSameAs(session);
  }

  @Test
  void aThrowingHandlerDoesNotStopTheAgent() throws Exception {
    startAgent();
    agent.register(
        "srvA",
        PWD_A,
        "brwA",
        new IceSession.Handler() {
          @Override
          public void onPacket(byte[] buf, int off, int len) {
            throw new IllegalStateException("boom");
          }

          @Override
          public void onTimeout(String reason) {}
        });
    client.bind("srvA:brwA", PWD_A, true);
    client.send(new byte[] {(byte) 0x80, 0});

    awaitTrue(() -> agent.stats().handlerErrors() == 1);
    assertThat(client.bind("srvA:brwA", PWD_A, false).messageClass())
        .isEqualTo(StunClass.SUCCESS_RESPONSE);
  }

  @Test
  void refusesInvalidOrDuplicateCredentials() throws Exception {
    startAgent();
    RecordingHandler h = new RecordingHandler();
    agent.register("srvA", PWD_A, "brwA", h);

    assertThatThrownBy(() -> agent.register("srvA", PWD_B, "brwB", h))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("srvA is already registered");
    assertThatThrownBy(() -> agent.register("s:v", PWD_A, "brwA", h))
        .hasMessageContaining("local ufrag 's:v'");
    assertThatThrownBy(() -> agent.register("srvC", "short", "brwA", h))
        .hasMessageContaining("local password");
    assertThatThrownBy(() -> agent.register("srvC", PWD_A, "b", h))
        .hasMessageContaining("remote ufrag 'b'");
  }

  @Test
  void closeStopsTheReceiveThreadAndIsIdempotent() throws Exception {
    startAgent();
    String threadName = "ice-lite-" + agent.localAddress().getPort();
    IceSession session = agent.register("srvA", PWD_A, "brwA", new RecordingHandler());
    client.bind("srvA:brwA", PWD_A, true);
    assertThat(threadAlive(threadName)).isTrue();

    agent.close();
    agent.close();

    assertThat(threadAlive(threadName)).isFalse();
    assertThat(session.isClosed()).isTrue();
    assertThat(session.send(new byte[] {1}, 0, 1)).isFalse();
    assertThatThrownBy(() -> agent.register("srvB", PWD_B, "brwB", new RecordingHandler()))
        .isInstanceOf(IllegalStateException.class);
    // The port is free again.
    try (java.net.DatagramSocket rebound = new java.net.DatagramSocket(agent.localAddress())) {
      assertThat(rebound.getLocalPort()).isEqualTo(agent.localAddress().getPort());
    }
  }

  @Test
  void advertisesConfiguredAddressesOnTheBoundPort() throws Exception {
    InetAddress lan = InetAddress.getByName("192.168.1.20");
    startAgent(IceConfig.defaults().withHostAddresses(List.of(lan)));
    int port = agent.localAddress().getPort();

    assertThat(agent.hostAddresses()).containsExactly(new InetSocketAddress(lan, port));
    assertThat(agent.hostCandidates().get(0).toSdpAttribute())
        .endsWith(" 1 udp 2130706431 192.168.1.20 " + port + " typ host");
  }

  @Test
  void enumeratesLanAddressesAndLoopbackWhenBoundToTheWildcard() throws Exception {
    agent = IceLiteAgent.start(new InetSocketAddress(0));
    int port = agent.localAddress().getPort();

    List<InetSocketAddress> addresses = agent.hostAddresses();

    assertThat(addresses)
        .last()
        .isEqualTo(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    assertThat(addresses)
        .allSatisfy(
            a -> {
              assertThat(a.getPort()).isEqualTo(port);
              assertThat(a.getAddress()).isInstanceOf(java.net.Inet4Address.class);
              assertThat(a.getAddress().isLinkLocalAddress()).isFalse();
            });
    assertThat(addresses).doesNotHaveDuplicates();
  }

  private void advance(Duration d) {
    fakeNanos.addAndGet(d.toNanos());
  }

  private static boolean threadAlive(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals(name) && t.isAlive());
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 5 s");
      }
      Thread.sleep(5);
    }
  }
}
