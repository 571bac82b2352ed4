package io.camappliance.webrtc;

import io.camappliance.media.EncodedFrame;
import io.camappliance.rtp.H264Packetizer;
import io.camappliance.rtp.NtpTime;
import io.camappliance.rtp.RtpPacketHistory;
import io.camappliance.rtp.RtpPacketSink;
import io.camappliance.rtp.SenderReport;
import io.camappliance.srtp.SrtpContext;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One viewer's media sender, on a thread of its own: it is the single owner of the viewer's RTP
 * packetizer (RFC 6184), SRTP sending context (RFC 3711) and packet history, so none of them needs
 * a lock. It takes frames from the {@link ViewerQueue}, packetizes, protects and sends them;
 * answers Generic NACKs (RFC 4585 §6.2.1) that the receive thread hands over by sending the stored
 * SRTP packet again, byte for byte (the same RTP index must never be protected twice, RFC 3711
 * §9.1, and a verbatim copy is exactly what was lost); and sends a sender report with the CNAME
 * (RFC 3550 §6.4.1) every report interval.
 *
 * <p>The report maps the RTP timestamp of the frames to their capture time (not to the time they
 * were sent), so a receiver that tracks it (the browser's {@code captureTime}) knows how old each
 * picture is.
 *
 * <p>While it waits for its first IDR it repeats the keyframe request every interval: the request
 * made when the viewer connected may have been merged with an IDR that left before the viewer's
 * queue was open.
 */
final class ViewerSender implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(ViewerSender.class);

  /** NACKed sequence numbers waiting for the sender thread; more are dropped (a burst of loss). */
  private static final int NACK_BACKLOG = 512;

  /** The longest the thread sleeps with nothing to do; {@link #wake} cuts it short. */
  private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final ViewerQueue queue;
  private final H264Packetizer packetizer;
  private final SrtpContext srtp;
  private final RtpPacketHistory history;
  private final DatagramOut out;
  private final KeyframeRequests keyframes;
  private final byte[] cname;
  private final long reportIntervalNanos;
  private final long keyframeRetryNanos;
  private final byte[] packet;
  private final byte[] rtcp;
  private final ArrayBlockingQueue<Integer> nacks = new ArrayBlockingQueue<>(NACK_BACKLOG);
  private final RtpPacketSink protectAndSend = this::protectAndSend;
  private final RtpPacketSink resend = this::resend;
  private final Thread thread;
  private volatile boolean running = true;

  // Sender thread only.
  private long lastPtsMicros;
  private long lastCaptureEpochMicros;
  private long lastFrameNanos;
  private boolean sentAny;
  private long nextReportNanos;
  private long nextKeyframeAskNanos;

  private volatile long framesSent;
  private volatile long packetsSent;
  private volatile long packetsResent;
  private volatile long nacksMissed;
  private volatile long sendFailures;
  private volatile long reportsSent;

  ViewerSender(
      String name,
      ViewerQueue queue,
      H264Packetizer packetizer,
      SrtpContext srtp,
      int historyPackets,
      DatagramOut out,
      KeyframeRequests keyframes,
      byte[] cname,
      long reportIntervalNanos,
      long keyframeRetryNanos) {
    this.queue = queue;
    this.packetizer = packetizer;
    this.srtp = srtp;
    int maxProtected = packetizer.maxPacketSize() + srtp.profile().rtpOverhead();
    this.history = new RtpPacketHistory(historyPackets, maxProtected);
    this.out = out;
    this.keyframes = keyframes;
    this.cname = cname.clone();
    this.reportIntervalNanos = reportIntervalNanos;
    this.keyframeRetryNanos = keyframeRetryNanos;
    this.packet = new byte[maxProtected];
    this.rtcp = new byte[SenderReport.compoundSize(cname.length) + srtp.profile().rtcpOverhead()];
    this.thread = new Thread(this, name);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Hands over a lost packet's sequence number (any thread); the sender resends it. */
  void nack(int sequenceNumber) {
    if (!nacks.offer(sequenceNumber)) {
      nacksMissed++;
    }
    LockSupport.unpark(thread);
  }

  /** Tells the thread a frame was queued (any thread). */
  void wake() {
    LockSupport.unpark(thread);
  }

  /** Stops the thread and waits for it (unless called on it). Idempotent. */
  void stop() {
    running = false;
    LockSupport.unpark(thread);
    if (Thread.currentThread() != thread && thread.isAlive()) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(2));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    queue.clear();
  }

  @Override
  public void run() {
    long now = System.nanoTime();
    nextReportNanos = now + reportIntervalNanos;
    nextKeyframeAskNanos = now + keyframeRetryNanos;
    try {
      while (running) {
        boolean worked = false;
        Integer lost;
        while ((lost = nacks.poll()) != null) {
          if (history.resend(lost, resend)) {
            packetsResent++;
          } else {
            nacksMissed++;
          }
          worked = true;
        }
        EncodedFrame frame = queue.poll();
        if (frame != null) {
          send(frame);
          worked = true;
        }
        now = System.nanoTime();
        if (sentAny && now - nextReportNanos >= 0) {
          sendReport(now);
          nextReportNanos = now + reportIntervalNanos;
        }
        if (!queue.started() && now - nextKeyframeAskNanos >= 0) {
          keyframes.request();
          nextKeyframeAskNanos = now + keyframeRetryNanos;
        }
        if (!worked) {
          long until = sentAny ? nextReportNanos - now : keyframeRetryNanos;
          LockSupport.parkNanos(Math.max(1, Math.min(until, MAX_PARK_NANOS)));
        }
      }
    } catch (RuntimeException e) {
      log.warn("{} stopped sending", thread.getName(), e);
    }
  }

  private void send(EncodedFrame frame) {
    packetizer.packetize(frame, protectAndSend);
    lastPtsMicros = frame.ptsMicros();
    lastCaptureEpochMicros = frame.captureEpochMicros();
    lastFrameNanos = System.nanoTime();
    framesSent++;
    if (!sentAny) {
      sentAny = true;
      sendReport(lastFrameNanos); // lets the receiver map timestamps from the first frame on
      nextReportNanos = lastFrameNanos + reportIntervalNanos;
    }
  }

  private void protectAndSend(byte[] buf, int off, int len) {
    System.arraycopy(buf, off, packet, 0, len);
    int n = srtp.protectRtp(packet, len);
    history.add(packet, 0, n);
    transmit(packet, 0, n);
    packetsSent++;
  }

  private void resend(byte[] buf, int off, int len) {
    transmit(buf, off, len);
  }

  private void sendReport(long nowNanos) {
    long elapsedMicros = (nowNanos - lastFrameNanos) / 1_000;
    long ntp = NtpTime.fromEpochMicros(lastCaptureEpochMicros + elapsedMicros);
    int rtpTimestamp = packetizer.timestampAt(lastPtsMicros + elapsedMicros);
    int n =
        SenderReport.writeCompound(
            rtcp,
            0,
            packetizer.ssrc(),
            ntp,
            rtpTimestamp,
            packetizer.packetCount(),
            packetizer.payloadOctetCount(),
            cname);
    n = srtp.protectRtcp(rtcp, n);
    transmit(rtcp, 0, n);
    reportsSent++;
  }

  private void transmit(byte[] buf, int off, int len) {
    if (!out.send(buf, off, len)) {
      sendFailures++;
    }
  }

  boolean isAlive() {
    return thread.isAlive();
  }

  long framesSent() {
    return framesSent;
  }

  long packetsSent() {
    return packetsSent;
  }

  long packetsResent() {
    return packetsResent;
  }

  long nacksMissed() {
    return nacksMissed;
  }

  long sendFailures() {
    return sendFailures;
  }

  long reportsSent() {
    return reportsSent;
  }
}
