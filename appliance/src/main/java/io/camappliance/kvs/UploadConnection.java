package io.camappliance.kvs;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open PutMedia connection of the uploader: the socket ({@link PutMediaConnection}) and what
 * its ACKs did ({@link UploadSession}). Writes and checks turn every failure into an {@link
 * UploadFailedException} carrying the failure classified once, preferring what the ACK reader saw
 * (an ERROR ACK, an HTTP error) over the broken pipe the writer saw after it.
 */
final class UploadConnection implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UploadConnection.class);

  /** How long a graceful end waits for the service to send its last ACKs and end the response. */
  static final Duration END_WAIT = Duration.ofSeconds(15);

  private final UploadSession session;
  private final PutMediaConnection connection;
  private final long openedNanos = System.nanoTime();
  private final Instant credentialsExpiry;

  UploadConnection(
      UploadSession session, PutMediaConnection connection, Instant credentialsExpiry) {
    this.session = session;
    this.connection = connection;
    this.credentialsExpiry = credentialsExpiry;
  }

  UploadSession session() {
    return session;
  }

  /** When the credentials that signed this connection expire; {@link Instant#MAX} if never. */
  Instant credentialsExpiry() {
    return credentialsExpiry;
  }

  long ageNanos() {
    return System.nanoTime() - openedNanos;
  }

  /** Sends the bytes between position and limit as one chunk. */
  void write(ByteBuffer bytes) throws UploadFailedException {
    try {
      connection.write(bytes);
    } catch (PutMediaException e) {
      UploadFailure f = session.failure();
      throw new UploadFailedException(
          f != null ? f : new UploadFailure(e.errorClass(), e.getMessage(), 0));
    }
  }

  /** Throws the failure the ACK reader or the watchdog recorded, if any. */
  void check() throws UploadFailedException {
    UploadFailure f = session.failure();
    if (f != null) {
      throw new UploadFailedException(f);
    }
  }

  /** Ends gracefully: the last chunk, then every remaining ACK (up to {@link #END_WAIT}). */
  void end() throws UploadFailedException, InterruptedException {
    session.finishing();
    try {
      connection.finish();
    } catch (PutMediaException e) {
      check();
      throw new UploadFailedException(new UploadFailure(e.errorClass(), e.getMessage(), 0));
    }
    if (!connection.awaitEnd(END_WAIT)) {
      log.warn(
          "PutMedia session {}: the service did not end the response within {} s",
          session.number(),
          END_WAIT.toSeconds());
    }
  }

  /**
   * Staleness (producer SDK {@code StreamConnectionStaleFunc}): when sent data has had no BUFFERING
   * ACK for {@code staleness}, records the failure and cuts the socket, so a write blocked on a
   * dead network ends too.
   *
   * @return true when the connection was found stale now
   */
  boolean cutIfStale(Duration staleness) {
    if (session.failure() != null || !session.stale(System.nanoTime(), staleness.toNanos())) {
      return false;
    }
    session.fail(
        UploadFailure.of(
            ErrorClass.RECONNECT,
            "the connection is stale: no BUFFERING ACK for "
                + staleness.toSeconds()
                + " s (connection_staleness)"));
    connection.close();
    return true;
  }

  /** Closes the socket; what was not acknowledged is sent again on the next connection. */
  @Override
  public void close() {
    connection.close();
  }
}
