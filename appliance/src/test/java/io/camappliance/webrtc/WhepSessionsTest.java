package io.camappliance.webrtc;

import static io.camappliance.webrtc.TestFrames.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camappliance.dtls.DtlsCertificate;
import io.camappliance.dtls.DtlsSettings;
import io.camappliance.ice.IceConfig;
import io.camappliance.ice.StunClass;
import io.camappliance.ice.StunMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sessions on loopback without a browser: offers and refusals, and every way a session ends
 * returning slots and threads.
 */
@Timeout(30)
class WhepSessionsTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final DtlsCertificate CERTIFICATE = DtlsCertificate.generate(Clock.systemUTC());

  private final AtomicInteger keyframes = new AtomicInteger();
  private WhepSessions sessions;

  private WhepSessions start(int maxViewers, Duration connectTimeout, Duration dtlsTimeout)
      throws IOException {
    WhepSettings d =
        WhepSettings.defaults(maxViewers, new InetSocketAddress(LOOPBACK, 0), List.of(LOOPBACK));
    WhepSettings settings =
        new WhepSettings(
            maxViewers,
            Duration.ofSeconds(3),
            d.udpBind(),
            IceConfig.defaults()
                .withHostAddresses(List.of(LOOPBACK))
                .withConnectTimeout(connectTimeout)
                .withCheckInterval(Duration.ofMillis(20)),
            DtlsSettings.defaults().withHandshakeTimeout(dtlsTimeout),
            d.viewerQueueFrames(),
            d.keyframeInterval(),
            d.senderReportInterval(),
            d.historyPackets());
    sessions =
        WhepSessions.start(settings, CERTIFICATE, null, () -> keyframes.incrementAndGet() > 0);
    return sessions;
  }

  @AfterEach
  void close() {
    if (sessions != null) {
      sessions.close();
      assertThat(sessions.sessionCount()).isZero();
    }
    assertThat(awaitThreads(Set.of())).isEmpty();
  }

  static String chromiumOffer() throws IOException {
    try (InputStream in =
        WhepSessionsTest.class.getResourceAsStream(
            "/io/camappliance/sdp/chromium-whep-offer.sdp")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Set<String> sessionThreads() {
    Set<String> names = new TreeSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      String n = t.getName();
      if (t.isAlive()
          && (n.startsWith("dtls-") || (n.startsWith("webrtc-") && !n.equals("webrtc-test")))) {
        names.add(n);
      }
    }
    return names;
  }

  private static Set<String> awaitThreads(Set<String> expected) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    Set<String> now = sessionThreads();
    while (!now.equals(expected) && System.nanoTime() < deadline) {
      sleep(10);
      now = sessionThreads();
    }
    return now;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      sleep(10);
    }
  }

  private static String attribute(String sdp, String name) {
    Matcher m = Pattern.compile("(?m)^a=" + name + ":(\\S+)").matcher(sdp);
    assertThat(m.find()).as(name).isTrue();
    return m.group(1);
  }

  @Test
  void beforeTheFirstFrameAnOfferIsAskedToComeBackShortly() throws Exception {
    start(2, Duration.ofSeconds(5), Duration.ofSeconds(5));
    assertThatThrownBy(() -> sessions.offer(chromiumOffer(), "test"))
        .isInstanceOfSatisfying(
            WhepRefusal.class,
            r -> {
              assertThat(r.httpStatus()).isEqualTo(503);
              assertThat(r.retryAfter()).hasValue(Duration.ofSeconds(1));
            });
  }

  @Test
  void theAnswerCarriesTheCamerasProfileOurFingerprintAndTheSharedPort() throws Exception {
    start(2, Duration.ofSeconds(5), Duration.ofSeconds(5));
    sessions.fanOut().onFrame(frame(0, true, 100));
    assertThat(sessions.streamKnown()).isTrue();
    WhepSessionAnswer a = sessions.offer(chromiumOffer(), "test");
    assertThat(a.sessionId()).matches("[A-Za-z0-9_-]{20,}");
    assertThat(a.sdp())
        .contains("a=fingerprint:" + CERTIFICATE.fingerprint())
        .contains("127.0.0.1 " + sessions.udpPort() + " typ host")
        .contains("a=ice-lite");
    assertThat(sessions.stats().created()).isEqualTo(1);
  }

  @Test
  void theViewerLimitCountsSessionsFromTheOfferAndFreesTheSlotOnDelete() throws Exception {
    start(2, Duration.ofSeconds(5), Duration.ofSeconds(5));
    sessions.fanOut().onFrame(frame(0, true, 100));
    WhepSessionAnswer first = sessions.offer(chromiumOffer(), "test");
    sessions.offer(chromiumOffer(), "test");
    assertThatThrownBy(() -> sessions.offer(chromiumOffer(), "test"))
        .isInstanceOfSatisfying(
            WhepRefusal.class,
            r -> {
              assertThat(r.httpStatus()).isEqualTo(503);
              assertThat(r.retryAfter()).hasValue(Duration.ofSeconds(3));
            });
    assertThat(sessions.stats().refusedAtLimit()).isEqualTo(1);
    sessions.delete(first.sessionId());
    assertThatThrownBy(() -> sessions.delete(first.sessionId()))
        .isInstanceOfSatisfying(WhepRefusal.class, r -> assertThat(r.httpStatus()).isEqualTo(404));
    sessions.offer(chromiumOffer(), "test");
    assertThat(sessions.sessionCount()).isEqualTo(2);
  }

  @Test
  void aRefusedOfferTakesNoSlot() throws Exception {
    start(1, Duration.ofSeconds(5), Duration.ofSeconds(5));
    sessions.fanOut().onFrame(frame(0, true, 100));
    String vp8Only = chromiumOffer().replace("H264/90000", "VP9/90000");
    assertThatThrownBy(() -> sessions.offer(vp8Only, "test"))
        .isInstanceOfSatisfying(
            WhepRefusal.class,
            r -> {
              assertThat(r.httpStatus()).isEqualTo(400);
              assertThat(r.reason()).contains("VP8", "VP9", "42c01e");
            });
    assertThatThrownBy(() -> sessions.offer("v=0\r\nbogus\r\n", "test"))
        .isInstanceOfSatisfying(
            WhepRefusal.class,
            r -> assertThat(r.reason()).startsWith("Malformed SDP offer").contains("line 2"));
    sessions.offer(chromiumOffer(), "test");
    assertThat(sessions.sessionCount()).isEqualTo(1);
  }

  @Test
  void aSessionTheBrowserNeverChecksEndsAtTheIceConnectTimeout() throws Exception {
    start(1, Duration.ofMillis(200), Duration.ofSeconds(5));
    sessions.fanOut().onFrame(frame(0, true, 100));
    sessions.offer(chromiumOffer(), "test");
    await(() -> sessions.sessionCount() == 0, "the ICE connect timeout");
    assertThat(sessions.stats().ended()).isEqualTo(1);
    sessions.offer(chromiumOffer(), "test"); // the slot is free again
  }

  @Test
  void aDtlsHandshakeThatNeverCompletesEndsTheSessionAndItsThread() throws Exception {
    start(1, Duration.ofSeconds(5), Duration.ofMillis(300));
    sessions.fanOut().onFrame(frame(0, true, 100));
    String offer = chromiumOffer();
    WhepSessionAnswer a = sessions.offer(offer, "test");
    String ours = attribute(a.sdp(), "ice-ufrag");
    String pwd = attribute(a.sdp(), "ice-pwd");
    String theirs = attribute(offer, "ice-ufrag");
    try (DatagramSocket browser = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      browser.setSoTimeout(5_000);
      InetSocketAddress agent = new InetSocketAddress(LOOPBACK, sessions.udpPort());
      byte[] tx = new byte[StunMessage.TRANSACTION_ID_LENGTH];
      tx[0] = 1;
      byte[] check =
          StunMessage.builder(StunClass.REQUEST, StunMessage.BINDING, tx)
              .username(ours + ":" + theirs)
              .priority(1853824767L)
              .iceControlling(42)
              .useCandidate()
              .messageIntegrity(pwd.getBytes(StandardCharsets.UTF_8))
              .fingerprint()
              .toBytes();
      browser.send(new DatagramPacket(check, check.length, agent));
      byte[] buf = new byte[1500];
      DatagramPacket response = new DatagramPacket(buf, buf.length);
      browser.receive(response);
      StunMessage m = StunMessage.parse(buf, 0, response.getLength());
      assertThat(m.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);

      // A DTLS record that is no ClientHello: the server starts, waits, and gives up.
      byte[] junk = {22, (byte) 0xfe, (byte) 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3};
      browser.send(new DatagramPacket(junk, junk.length, agent));
      await(() -> !sessionThreads().isEmpty(), "the DTLS thread");
      await(() -> sessions.sessionCount() == 0, "the DTLS handshake timeout");
      assertThat(awaitThreads(Set.of())).isEmpty();
    }
  }

  @Test
  void closingEndsEverySession() throws Exception {
    start(2, Duration.ofSeconds(5), Duration.ofSeconds(5));
    sessions.fanOut().onFrame(frame(0, true, 100));
    sessions.offer(chromiumOffer(), "test");
    sessions.offer(chromiumOffer(), "test");
    sessions.close();
    assertThat(sessions.sessionCount()).isZero();
    assertThat(sessions.stats().ended()).isEqualTo(2);
    assertThatThrownBy(() -> sessions.offer(chromiumOffer(), "test"))
        .isInstanceOfSatisfying(WhepRefusal.class, r -> assertThat(r.httpStatus()).isEqualTo(503));
  }
}
