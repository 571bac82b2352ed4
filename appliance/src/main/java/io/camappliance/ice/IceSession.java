package io.camappliance.ice;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * One browser's ICE-lite session on the agent's shared port (RFC 8445 §2.5): it is identified by
 * our ufrag, answers the browser's checks with our password, and sends to the address the browser
 * nominated last. Until a check carries USE-CANDIDATE the first validated address is used.
 *
 * <p>Datagrams arrive on the agent's receive thread through the {@link Handler}; {@link #send} may
 * be called from any thread.
 */
public final class IceSession implements AutoCloseable {
  /** How many validated remote addresses a session keeps routing from (browsers use a few). */
  static final int MAX_REMOTE_ADDRESSES = 8;

  /** Callbacks, all on the agent's receive thread; they must not block. */
  public interface Handler {
    /**
     * A DTLS or RTP/RTCP datagram from one of this session's validated addresses. The buffer is
     * reused after the call returns: copy what must outlive it.
     */
    void onPacket(byte[] buf, int off, int len);

    /** The address {@link #send} uses changed (first validated check, or a new nomination). */
    default void onSelected(InetSocketAddress remote) {}

    /**
     * The browser stopped checking (RFC 7675 consent expired) or never checked in time. The session
     * is already removed from the agent when this is called.
     */
    void onTimeout(String reason);
  }

  private final SessionParent parent;
  private final String localUfrag;
  private final String remoteUfrag;
  private final byte[] localKey;
  final Handler handler;
  private final long createdNanos;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final LongAdder sendsWithoutAddress = new LongAdder();
  private volatile InetSocketAddress selected;
  private volatile long lastCheckNanos;
  private volatile boolean checked;
  // Receive thread only.
  private boolean nominated;
  private final ArrayDeque<InetSocketAddress> validated = new ArrayDeque<>(MAX_REMOTE_ADDRESSES);

  IceSession(
      SessionParent parent,
      String localUfrag,
      String localPwd,
      String remoteUfrag,
      Handler handler,
      long createdNanos) {
    this.parent = parent;
    this.localUfrag = localUfrag;
    this.remoteUfrag = remoteUfrag;
    this.localKey = localPwd.getBytes(StandardCharsets.UTF_8);
    this.handler = handler;
    this.createdNanos = createdNanos;
  }

  public String localUfrag() {
    return localUfrag;
  }

  public String remoteUfrag() {
    return remoteUfrag;
  }

  /** The browser address {@link #send} goes to, once a check has validated one. */
  public Optional<InetSocketAddress> selectedAddress() {
    return Optional.ofNullable(selected);
  }

  /**
   * Sends one datagram (DTLS or SRTP) to the selected address from the shared port. Does not block:
   * a full socket buffer drops the datagram (counted in {@link IceStats#sendDropped}).
   *
   * @return false when nothing was sent: no address yet (counted in {@link
   *     #sendsWithoutAddress()}), the session closed, or the socket did not take it
   */
  public boolean send(byte[] buf, int off, int len) {
    InetSocketAddress to = selected;
    if (to == null || closed.get()) {
      sendsWithoutAddress.increment();
      return false;
    }
    return parent.send(buf, off, len, to);
  }

  /** Calls of {@link #send} that found no selected address (or a closed session). */
  public long sendsWithoutAddress() {
    return sendsWithoutAddress.sum();
  }

  public boolean isClosed() {
    return closed.get();
  }

  /** Removes the session from the agent; its handler is not called again. Idempotent. */
  @Override
  public void close() {
    if (markClosed()) {
      parent.remove(this);
    }
  }

  /** True for the one caller that closes the session. */
  boolean markClosed() {
    return closed.compareAndSet(false, true);
  }

  byte[] localKey() {
    return localKey;
  }

  /** Whether {@code username} is {@code localUfrag:remoteUfrag} for this session. */
  boolean usernameMatches(String username) {
    return username.length() == localUfrag.length() + 1 + remoteUfrag.length()
        && username.startsWith(localUfrag)
        && username.charAt(localUfrag.length()) == ':'
        && username.endsWith(remoteUfrag);
  }

  /**
   * Records a valid check from {@code from} at {@code now} (receive thread only).
   *
   * @return an address no longer routed to this session (evicted), or null
   */
  InetSocketAddress onValidCheck(InetSocketAddress from, boolean useCandidate, long now) {
    lastCheckNanos = now;
    checked = true;
    InetSocketAddress evicted = null;
    if (!validated.contains(from)) {
      if (validated.size() == MAX_REMOTE_ADDRESSES) {
        evicted = evictOldestUnselected();
      }
      validated.addLast(from);
    }
    boolean changed = !from.equals(selected);
    if (useCandidate) {
      nominated = true;
      selected = from;
    } else if (!nominated && selected == null) {
      selected = from;
    } else {
      changed = false;
    }
    if (changed) {
      handler.onSelected(from);
    }
    return evicted;
  }

  private InetSocketAddress evictOldestUnselected() {
    InetSocketAddress current = selected;
    for (InetSocketAddress a : validated) {
      if (!a.equals(current)) {
        validated.remove(a);
        return a;
      }
    }
    return null;
  }

  /** Why the session has expired at {@code now}, or null while it is alive. */
  String expiry(long now, long connectTimeoutNanos, long consentTimeoutNanos) {
    if (!checked) {
      return now - createdNanos >= connectTimeoutNanos
          ? "no connectivity check within " + millis(connectTimeoutNanos) + " ms"
          : null;
    }
    return now - lastCheckNanos >= consentTimeoutNanos
        ? "consent expired: no Binding request for " + millis(consentTimeoutNanos) + " ms"
        : null;
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }

  @Override
  public String toString() {
    return "IceSession[" + localUfrag + ", selected " + selected + "]";
  }
}
