package io.camappliance.kvs;

/**
 * Receives what a {@link PutMediaConnection} reads, on its reader thread. {@link #onAck} is called
 * for every ACK in order; then exactly one of {@link #onEnd} and {@link #onFailure}, once.
 */
public interface PutMediaListener {

  void onAck(Ack ack);

  /**
   * The response ended normally (the service finished it, e.g. after {@link
   * PutMediaConnection#finish()} or an ERROR ack), or the owner closed the connection.
   */
  void onEnd();

  /** The request was refused, or the connection was lost or broke the protocol. */
  void onFailure(PutMediaException failure);
}
