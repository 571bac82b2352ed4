package io.camappliance.webrtc;

import static io.camappliance.webrtc.TestFrames.frame;
import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.dtls.DtlsCertificate;
import io.camappliance.rtp.RtpHeader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A whole session without a browser: offer, STUN check, DTLS handshake, SRTP media from the first
 * IDR, a NACK answered with the same bytes, a PLI passed to the encoder, and close_notify ending
 * the session with its threads.
 */
@Timeout(30)
class WhepLoopbackTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private static String attribute(String sdp, String name) {
    Matcher m = Pattern.compile("(?m)^a=" + name + ":(.+?)\\r?$").matcher(sdp);
    assertThat(m.find()).as(name).isTrue();
    return m.group(1);
  }

  private static void await(java.util.function.BooleanSupplier c, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!c.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  @Test
  void aJavaClientReceivesTheStreamAndItsFeedbackIsActedOn() throws Exception {
    AtomicInteger keyframes = new AtomicInteger();
    WhepSettings d =
        WhepSettings.defaults(2, new InetSocketAddress(LOOPBACK, 0), List.of(LOOPBACK));
    WhepSettings settings =
        new WhepSettings(
            2,
            d.retryAfter(),
            d.udpBind(),
            d.ice(),
            d.dtls(),
            d.viewerQueueFrames(),
            Duration.ZERO, // every keyframe request passes, so the test can count them
            d.senderReportInterval(),
            d.historyPackets());
    try (WhepSessions sessions =
            WhepSessions.start(
                settings,
                DtlsCertificate.generate(Clock.systemUTC()),
                null,
                () -> keyframes.incrementAndGet() > 0);
        LoopbackBrowser browser = new LoopbackBrowser()) {
      sessions.fanOut().onFrame(frame(0, true, 100));
      String offer =
          WhepSessionsTest.chromiumOffer()
              .replaceAll("(?m)^a=fingerprint:[^\r\n]*", "a=fingerprint:" + browser.fingerprint());
      WhepSessionAnswer answer = sessions.offer(offer, "loopback");
      long ssrc = Long.parseLong(attribute(answer.sdp(), "ssrc").split(" ")[0]);

      browser.check(
          sessions.udpPort(),
          attribute(answer.sdp(), "ice-ufrag") + ":" + attribute(offer, "ice-ufrag").trim(),
          attribute(answer.sdp(), "ice-pwd"));
      browser.handshake(attribute(answer.sdp(), "fingerprint"));
      await(() -> sessions.stats().sending() == 1, "media to start");
      await(() -> keyframes.get() >= 1, "the IDR request of a new viewer");

      // P frames before the first IDR are not sent; from the IDR on, everything is.
      sessions.fanOut().onFrame(frame(1, false, 2000));
      sessions.fanOut().onFrame(frame(2, true, 2000));
      sessions.fanOut().onFrame(frame(3, false, 2000));
      byte[] first = browser.nextSrtp();
      byte[] rtp = browser.unprotect(first);
      assertThat(rtp).as("authentic SRTP").isNotNull();
      assertThat(RtpHeader.ssrc(rtp, 0)).isEqualTo(ssrc);
      assertThat(rtp[12] & 0x1F).as("STAP-A with SPS and PPS first").isEqualTo(24);
      int firstSeq = RtpHeader.sequenceNumber(rtp, 0);
      byte[] second = browser.nextSrtp();
      // STAP-A and two FU-A fragments for the IDR, two FU-A fragments for the P frame.
      for (int i = 2; i < 5; i++) {
        byte[] p = browser.nextSrtp();
        assertThat(p).as("packet " + i).isNotNull();
        assertThat(browser.unprotect(p)).isNotNull();
      }

      // Generic NACK (RFC 4585 §6.2.1) for the second packet.
      byte[] nack = new byte[16];
      nack[0] = (byte) 0x81;
      nack[1] = (byte) 205;
      nack[3] = 3;
      putInt(nack, 4, 1);
      putInt(nack, 8, (int) ssrc);
      int lost = (firstSeq + 1) & 0xFFFF;
      nack[12] = (byte) (lost >>> 8);
      nack[13] = (byte) lost;
      browser.sendRtcp(nack);
      assertThat(browser.nextSrtp()).as("the resent packet, byte for byte").isEqualTo(second);

      // PLI (RFC 4585 §6.3.1).
      int before = keyframes.get();
      byte[] pli = new byte[12];
      pli[0] = (byte) 0x81;
      pli[1] = (byte) 206;
      pli[3] = 2;
      putInt(pli, 4, 1);
      putInt(pli, 8, (int) ssrc);
      browser.sendRtcp(pli);
      await(() -> keyframes.get() > before, "the PLI to reach the encoder");
      assertThat(sessions.stats().packetsResent()).isEqualTo(1);

      browser.closeDtls();
      await(() -> sessions.sessionCount() == 0, "close_notify to end the session");
      await(
          () ->
              Thread.getAllStackTraces().keySet().stream()
                  .noneMatch(
                      t ->
                          t.getName().startsWith("dtls-")
                              || (t.getName().startsWith("webrtc-")
                                  && !t.getName().equals("webrtc-cleanup"))),
          "the session's threads to end");
    }
  }

  private static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }
}
