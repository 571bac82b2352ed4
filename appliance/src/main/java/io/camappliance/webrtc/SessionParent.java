package io.camappliance.webrtc;

import io.camappliance.dtls.DtlsServer;
import io.camappliance.dtls.DtlsSrtpKeys;

/** What a {@link ViewerSession} may ask of {@link WhepSessions}. */
interface SessionParent {
  /** Starts the session's DTLS server (the first DTLS datagram arrived). */
  DtlsServer startDtls(ViewerSession session, DtlsServer.Sender sender, DtlsServer.Listener l);

  /** Builds the session's sender once DTLS produced keys; not started. */
  ViewerSender newSender(ViewerSession session, ViewerQueue queue, DtlsSrtpKeys keys);

  KeyframeRequests keyframes();

  /** Runs {@code task} off the calling thread (session ends from the ICE receive thread). */
  void later(Runnable task);

  /**
   * The session ended: forget it and free its slot. Called once, with the sender and queue it had
   * (null if media never flowed) for the totals.
   */
  void ended(ViewerSession session, String reason, ViewerSender sender, ViewerQueue queue);
}
