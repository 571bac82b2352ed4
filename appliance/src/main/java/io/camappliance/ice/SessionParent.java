package io.camappliance.ice;

import java.net.InetSocketAddress;

/** What an {@link IceSession} may ask of the agent that owns it. */
interface SessionParent {
  /** Sends one datagram from the shared port; false if the socket did not take it. */
  boolean send(byte[] buf, int off, int len, InetSocketAddress to);

  /** Forgets the session: its ufrag and its remote addresses. */
  void remove(IceSession session);
}
