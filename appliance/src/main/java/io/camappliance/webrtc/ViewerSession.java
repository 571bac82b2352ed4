package io.camappliance.webrtc;

import io.camappliance.dtls.CertificateFingerprint;
import io.camappliance.dtls.DtlsServer;
import io.camappliance.dtls.DtlsSrtpKeys;
import io.camappliance.ice.IceSession;
import io.camappliance.media.EncodedFrame;
import io.camappliance.rtp.RtcpException;
import io.camappliance.rtp.RtcpParser;
import io.camappliance.rtp.RtcpVisitor;
import io.camappliance.srtp.SrtpContext;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One viewer, from its WHEP offer to its end. Datagrams of its ICE session arrive on the agent's
 * receive thread and are split as RFC 7983 §7 says: DTLS (first byte 20–63) to its DTLS server,
 * started by the first such datagram, and RTCP (RFC 5761 §4: second byte 192–223) to SRTCP
 * unprotection and the feedback below. When DTLS completes, the keys give a {@link ViewerSender},
 * and the fan-out starts queueing frames for it at the next IDR.
 *
 * <p>Feedback acted on: Generic NACK (resend from history), PLI and FIR (ask the encoder for an
 * IDR, rate-limited for all viewers together). Receiver reports and REMB are read and ignored: the
 * stream is passthrough, there is no bitrate to adapt per viewer.
 *
 * <p>The session ends once, whichever comes first: DELETE, ICE connect or consent timeout, DTLS
 * failure or the viewer's close_notify, or the server closing. Ending removes it from the ICE
 * agent, closes DTLS, stops the sender thread and releases the viewer slot.
 */
final class ViewerSession implements IceSession.Handler, DtlsServer.Listener {
  private static final Logger log = LoggerFactory.getLogger(ViewerSession.class);

  /** Largest SRTCP datagram read; browsers send a few hundred bytes at most. */
  private static final int MAX_RTCP = 1500;

  private final String id;
  private final SessionParent parent;
  private final long ssrc;
  private final int payloadType;
  private final String cname;
  private final CertificateFingerprint remoteFingerprint;
  private final int queueFrames;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile IceSession ice;

  // Guarded by this: what end() must release, published to the threads that use it.
  private DtlsServer dtls;
  private ViewerSender sender;
  private ViewerQueue queue;

  // Receive thread only once set.
  private volatile SrtpContext receiving;
  private final byte[] rtcp = new byte[MAX_RTCP];
  private final Feedback feedback = new Feedback();
  private int lastFirSequence = -1;
  private volatile long rtcpRejected;

  ViewerSession(
      String id,
      SessionParent parent,
      long ssrc,
      int payloadType,
      String cname,
      CertificateFingerprint remoteFingerprint,
      int queueFrames) {
    this.id = id;
    this.parent = parent;
    this.ssrc = ssrc;
    this.payloadType = payloadType;
    this.cname = cname;
    this.remoteFingerprint = remoteFingerprint;
    this.queueFrames = queueFrames;
  }

  String id() {
    return id;
  }

  long ssrc() {
    return ssrc;
  }

  int payloadType() {
    return payloadType;
  }

  String cname() {
    return cname;
  }

  CertificateFingerprint remoteFingerprint() {
    return remoteFingerprint;
  }

  void attach(IceSession ice) {
    this.ice = ice;
  }

  IceSession ice() {
    return ice;
  }

  /** Fan-out thread: queues the frame if media is flowing. */
  void offer(EncodedFrame frame) {
    ViewerQueue q;
    ViewerSender s;
    synchronized (this) {
      q = queue;
      s = sender;
    }
    if (q != null && q.offer(frame)) {
      s.wake();
    }
  }

  // ---- ICE (receive thread) ----

  @Override
  public void onPacket(byte[] buf, int off, int len) {
    if (len < 1 || ended.get()) {
      return;
    }
    if (DtlsServer.isDtlsRecord(buf[off])) {
      DtlsServer d;
      synchronized (this) {
        if (ended.get()) {
          return;
        }
        if (dtls == null) {
          IceSession session = ice;
          dtls = parent.startDtls(this, (b, o, l) -> session.send(b, o, l), this);
        }
        d = dtls;
      }
      d.onPacket(buf, off, len);
      return;
    }
    int secondByte = len > 1 ? buf[off + 1] & 0xFF : 0;
    SrtpContext ctx = receiving;
    if (secondByte >= 192 && secondByte <= 223 && ctx != null && len <= rtcp.length) {
      System.arraycopy(buf, off, rtcp, 0, len);
      int n = ctx.unprotectRtcp(rtcp, len);
      if (n < 0) {
        rtcpRejected++;
        return;
      }
      try {
        RtcpParser.parse(rtcp, 0, n, feedback);
      } catch (RtcpException e) {
        rtcpRejected++;
        log.debug("session {}: malformed RTCP: {}", id, e.getMessage());
      }
    }
  }

  @Override
  public void onSelected(InetSocketAddress remote) {
    log.debug("session {}: sending to {}", id, remote);
  }

  @Override
  public void onTimeout(String reason) {
    parent.later(() -> end("ICE: " + reason));
  }

  // ---- DTLS (session's DTLS thread) ----

  @Override
  public void onConnected(DtlsSrtpKeys keys) {
    ViewerQueue q = new ViewerQueue(queueFrames);
    ViewerSender s = parent.newSender(this, q, keys);
    Arrays.fill(keys.keyingMaterial(), (byte) 0);
    synchronized (this) {
      if (ended.get()) {
        return;
      }
      queue = q;
      sender = s;
    }
    s.start();
    parent.keyframes().request();
    log.debug("session {}: DTLS connected, {}", id, keys.profile());
  }

  /** The context that unprotects the viewer's SRTCP, set when DTLS produced the keys. */
  void receiving(SrtpContext context) {
    this.receiving = context;
  }

  @Override
  public void onFailed(String reason, Throwable cause) {
    end(reason);
  }

  @Override
  public void onClosed() {
    end("the viewer closed DTLS");
  }

  // ---- end ----

  /** Ends the session (any thread); the first call wins, later ones return at once. */
  void end(String reason) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    DtlsServer d;
    ViewerSender s;
    ViewerQueue q;
    synchronized (this) {
      d = dtls;
      s = sender;
      q = queue;
      queue = null;
      sender = null;
    }
    IceSession i = ice;
    if (i != null) {
      i.close();
    }
    if (d != null) {
      d.close();
    }
    if (s != null) {
      s.stop();
    }
    receiving = null;
    parent.ended(this, reason, s, q);
  }

  boolean isEnded() {
    return ended.get();
  }

  /** The sender, once media flows; null before and after. */
  synchronized ViewerSender sender() {
    return sender;
  }

  synchronized ViewerQueue queue() {
    return queue;
  }

  long rtcpRejected() {
    return rtcpRejected;
  }

  /** RTCP feedback for our stream (the receive thread's). */
  private final class Feedback implements RtcpVisitor {
    @Override
    public void nack(long senderSsrc, long mediaSsrc, int sequenceNumber) {
      ViewerSender s = sender();
      if (mediaSsrc == ssrc && s != null) {
        s.nack(sequenceNumber);
      }
    }

    @Override
    public void pictureLossIndication(long senderSsrc, long mediaSsrc) {
      if (mediaSsrc == ssrc) {
        parent.keyframes().request();
      }
    }

    @Override
    public void fullIntraRequest(long senderSsrc, long mediaSsrc, int commandSequenceNumber) {
      if (mediaSsrc == ssrc && commandSequenceNumber != lastFirSequence) {
        lastFirSequence = commandSequenceNumber;
        parent.keyframes().request();
      }
    }
  }
}
