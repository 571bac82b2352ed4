package io.camappliance.webrtc;

/** Sends one datagram to the viewer (the ICE session's selected address); must not block. */
@FunctionalInterface
interface DatagramOut {
  /** False when the datagram was not sent (no address yet, socket buffer full, session closed). */
  boolean send(byte[] buf, int off, int len);
}
