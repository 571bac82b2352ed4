package io.camappliance.webrtc;

import static io.camappliance.webrtc.TestFrames.frame;
import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.rtp.H264Packetizer;
import io.camappliance.rtp.NtpTime;
import io.camappliance.rtp.RtcpParser;
import io.camappliance.rtp.RtcpVisitor;
import io.camappliance.rtp.RtpHeader;
import io.camappliance.srtp.SrtpContext;
import io.camappliance.srtp.SrtpProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sender against a receiver holding the same SRTP keys: what goes out is SRTP that decrypts to
 * RFC 6184 packets of the frames, NACKs get the stored packet byte for byte, and sender reports map
 * RTP time to capture time.
 */
@Timeout(20)
class ViewerSenderTest {
  private static final SrtpProfile PROFILE = SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80;
  private static final byte[] KEY = new byte[16];
  private static final byte[] SALT = new byte[14];
  private static final long SSRC = 0x11223344L;
  private static final int PT = 102;

  static {
    Arrays.fill(KEY, (byte) 7);
    Arrays.fill(SALT, (byte) 9);
  }

  private final BlockingQueue<byte[]> wire = new LinkedBlockingQueue<>();
  private final AtomicInteger keyframeAsks = new AtomicInteger();
  private ViewerQueue queue;
  private ViewerSender sender;
  private final SrtpContext receiver = SrtpContext.create(PROFILE, KEY, SALT);

  @BeforeEach
  void start() {
    queue = new ViewerQueue(8);
    sender =
        new ViewerSender(
            "webrtc-test",
            queue,
            new H264Packetizer(PT, SSRC, 1000, 5000, 1200),
            SrtpContext.create(PROFILE, KEY, SALT),
            64,
            (b, o, l) -> wire.add(Arrays.copyOfRange(b, o, o + l)),
            new KeyframeRequests(() -> keyframeAsks.incrementAndGet() > 0, 0, System::nanoTime),
            "camera1".getBytes(),
            TimeUnit.MILLISECONDS.toNanos(100),
            TimeUnit.MILLISECONDS.toNanos(20));
    sender.start();
  }

  @AfterEach
  void stop() {
    sender.stop();
    assertThat(sender.isAlive()).isFalse();
  }

  private static boolean isRtcp(byte[] p) {
    int pt = p[1] & 0xFF;
    return pt >= 192 && pt <= 223;
  }

  private byte[] nextRtp() throws InterruptedException {
    while (true) {
      byte[] p = wire.poll(5, TimeUnit.SECONDS);
      assertThat(p).as("a packet within 5 s").isNotNull();
      if (!isRtcp(p)) {
        return p;
      }
    }
  }

  @Test
  void sendsSrtpThatDecryptsToTheFramesPacketsStartingWithParameterSets() throws Exception {
    queue.offer(frame(0, true, 3000));
    sender.wake();
    List<byte[]> packets = new ArrayList<>();
    for (int i = 0; i < 4; i++) { // STAP-A, then the 3000-byte IDR as three FU-A fragments
      byte[] p = nextRtp().clone();
      int n = receiver.unprotectRtp(p, p.length);
      assertThat(n).as(SrtpContext.describe(n)).isPositive();
      packets.add(Arrays.copyOf(p, n));
    }
    assertThat(packets)
        .allSatisfy(
            p -> {
              assertThat(p[1] & 0x7F).isEqualTo(PT);
              assertThat(RtpHeader.ssrc(p, 0)).isEqualTo(SSRC);
            });
    assertThat(packets.get(0)[12] & 0x1F).as("STAP-A").isEqualTo(24);
    assertThat(packets.get(1)[12] & 0x1F).as("FU-A").isEqualTo(28);
    assertThat(RtpHeader.sequenceNumber(packets.get(0), 0)).isEqualTo(1000);
    assertThat(RtpHeader.marker(packets.get(3), 0)).isTrue();
    assertThat(sender.framesSent()).isEqualTo(1);
  }

  @Test
  void aNackIsAnsweredWithTheSamePacketByteForByte() throws Exception {
    queue.offer(frame(0, true, 3000));
    sender.wake();
    nextRtp();
    byte[] second = nextRtp();
    nextRtp();
    nextRtp();
    sender.nack(1001);
    sender.nack(4242); // never sent
    byte[] again = nextRtp();
    assertThat(again).isEqualTo(second);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (sender.nacksMissed() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(sender.packetsResent()).isEqualTo(1);
    assertThat(sender.nacksMissed()).isEqualTo(1);
  }

  @Test
  void senderReportsTieTheRtpClockToTheCaptureTime() throws Exception {
    queue.offer(frame(0, true, 100));
    sender.wake();
    List<long[]> reports = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (reports.size() < 2 && System.nanoTime() < deadline) {
      byte[] p = wire.poll(1, TimeUnit.SECONDS);
      if (p == null || !isRtcp(p)) {
        continue;
      }
      int n = receiver.unprotectRtcp(p, p.length);
      assertThat(n).as(SrtpContext.describe(n)).isPositive();
      RtcpParser.parse(
          p,
          0,
          n,
          new RtcpVisitor() {
            @Override
            public void senderReport(
                long ssrc, long ntp, long rtp, long packetCount, long octetCount) {
              reports.add(new long[] {ssrc, ntp, rtp, packetCount});
            }
          });
    }
    assertThat(reports).hasSizeGreaterThanOrEqualTo(2);
    long[] first = reports.get(0);
    assertThat(first[0]).isEqualTo(SSRC);
    assertThat(first[3]).as("STAP-A and the slice").isEqualTo(2);
    // The first report goes out with the frame: its RTP time is the frame's, its NTP time the
    // frame's capture time (both plus the few microseconds in between).
    long rtpOfFrame = 5000 + TestFrames.START_MICROS * 9 / 100 & 0xFFFF_FFFFL;
    long ticks = (first[2] - rtpOfFrame) & 0xFFFF_FFFFL;
    assertThat(ticks).isLessThan(90 * 50); // 50 ms
    long captureNtp = NtpTime.fromEpochMicros(TestFrames.START_MICROS + 123);
    long ntpMicros = ((first[1] - captureNtp) >>> 16) * 1_000_000 / 65_536;
    assertThat(ntpMicros).isLessThan(50_000);
    // The two clocks advance together between reports.
    long[] second = reports.get(1);
    double rtpSeconds = ((second[2] - first[2]) & 0xFFFF_FFFFL) / 90_000.0;
    double ntpSeconds = (second[1] - first[1]) / 4294967296.0;
    assertThat(Math.abs(rtpSeconds - ntpSeconds)).isLessThan(0.001);
    assertThat(ntpSeconds).isGreaterThan(0.05);
  }

  @Test
  void untilTheFirstIdrArrivesTheSenderKeepsAskingForOne() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (keyframeAsks.get() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(keyframeAsks.get()).isGreaterThanOrEqualTo(3);
    queue.offer(frame(0, true, 100));
    sender.wake();
    nextRtp();
    int asked = keyframeAsks.get();
    Thread.sleep(100);
    assertThat(keyframeAsks.get()).isEqualTo(asked);
  }

  @Test
  void aViewerWhoseSendsStallSkipsToTheNextIdrWithoutHoldingUpTheFanOut() throws Exception {
    java.util.concurrent.CountDownLatch stalled = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
    List<Long> timestamps = new java.util.concurrent.CopyOnWriteArrayList<>();
    ViewerQueue slowQueue = new ViewerQueue(4);
    ViewerSender slow =
        new ViewerSender(
            "webrtc-slow",
            slowQueue,
            new H264Packetizer(PT, SSRC, 0, 0, 1200),
            SrtpContext.create(PROFILE, KEY, SALT),
            64,
            (b, o, l) -> {
              byte[] p = Arrays.copyOfRange(b, o, o + l);
              if (!isRtcp(p) && receiver.unprotectRtp(p, p.length) > 0) {
                timestamps.add(RtpHeader.timestamp(p, 0));
              }
              stalled.countDown();
              try {
                released.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return true;
            },
            new KeyframeRequests(() -> true, 0, System::nanoTime),
            "camera1".getBytes(),
            TimeUnit.SECONDS.toNanos(10),
            TimeUnit.SECONDS.toNanos(10));
    slow.start();
    try {
      slowQueue.offer(frame(0, true, 100));
      slow.wake();
      assertThat(stalled.await(5, TimeUnit.SECONDS)).isTrue();
      // The sender is stuck in its first send; the fan-out keeps offering and is never held.
      for (int n = 1; n <= 20; n++) {
        slowQueue.offer(frame(n, false, 100));
        slow.wake();
      }
      slowQueue.offer(frame(21, true, 100));
      slowQueue.offer(frame(22, false, 100));
      assertThat(slowQueue.skips()).isEqualTo(1);
      assertThat(slowQueue.skippedFrames()).isEqualTo(20); // frames 1..20
      released.countDown();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (slow.framesSent() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      Thread.sleep(50);
      assertThat(slow.framesSent()).as("frame 0, then 21 and 22").isEqualTo(3);
      long idrTimestamp =
          new H264Packetizer(PT, SSRC, 0, 0, 1200).timestampAt(frame(21, true, 100).ptsMicros())
              & 0xFFFF_FFFFL;
      assertThat(timestamps).contains(idrTimestamp);
    } finally {
      released.countDown();
      slow.stop();
    }
  }
}
