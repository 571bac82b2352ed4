package io.camappliance.emulator.admin;

import io.camappliance.emulator.putmedia.AckEventType;
import io.camappliance.emulator.putmedia.PutMediaFaults;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The faults the admin API has armed, consulted by PutMedia at the points they apply. Thread-safe;
 * {@link #clear} disarms everything.
 */
public final class FaultPlan implements PutMediaFaults {

  /** How many connections a cut applies to. */
  public enum Scope {
    NEXT,
    EVERY
  }

  private Scope cutScope;
  private long cutBytes = -1;
  private boolean cutRandom;
  private final Map<AckEventType, Long> ackDelays = new EnumMap<>(AckEventType.class);
  private int errorOnNth;
  private int errorId;
  private String errorStream;
  private int fragmentsSeen;
  private HttpFault httpFault;
  private int httpFaultsLeft;

  /**
   * Cuts PutMedia connections after {@code bytes} body bytes, or at a random point in {@code [1,
   * bytes]} when {@code random}.
   */
  public synchronized void cutConnections(Scope scope, long bytes, boolean random) {
    if (bytes < 1) {
      throw new IllegalArgumentException("cut after " + bytes + " bytes: must be at least 1");
    }
    cutScope = scope;
    cutBytes = bytes;
    cutRandom = random;
  }

  /** Delays ACKs of {@code type} by {@code millis}; -1 drops them; 0 restores prompt delivery. */
  public synchronized void ackDelay(AckEventType type, long millis) {
    if (millis == 0) {
      ackDelays.remove(type);
    } else {
      ackDelays.put(type, millis);
    }
  }

  /**
   * The {@code nth} fragment (1 = the next) started from now on, on {@code stream} or on any stream
   * when null, is answered with ERROR {@code errorId}.
   */
  public synchronized void errorOnFragment(int nth, int errorId, String stream) {
    if (nth < 1) {
      throw new IllegalArgumentException("fragment " + nth + ": must be at least 1");
    }
    this.errorOnNth = nth;
    this.errorId = errorId;
    this.errorStream = stream;
    this.fragmentsSeen = 0;
  }

  /** The next {@code count} PutMedia requests get {@code status} with {@code errorType}. */
  public synchronized void failRequests(int count, int status, String errorType, String message) {
    httpFault = new HttpFault(status, errorType, message);
    httpFaultsLeft = count;
  }

  public synchronized void clear() {
    cutScope = null;
    cutBytes = -1;
    ackDelays.clear();
    errorOnNth = 0;
    httpFault = null;
    httpFaultsLeft = 0;
  }

  @Override
  public synchronized Optional<HttpFault> beforeRequest(String streamName) {
    if (httpFaultsLeft <= 0) {
      return Optional.empty();
    }
    httpFaultsLeft--;
    return Optional.of(httpFault);
  }

  @Override
  public synchronized long cutAfterBytes() {
    if (cutScope == null) {
      return -1;
    }
    long at = cutRandom ? ThreadLocalRandom.current().nextLong(1, cutBytes + 1) : cutBytes;
    if (cutScope == Scope.NEXT) {
      cutScope = null;
    }
    return at;
  }

  @Override
  public synchronized OptionalInt errorForFragment(String streamName) {
    if (errorOnNth == 0 || (errorStream != null && !errorStream.equals(streamName))) {
      return OptionalInt.empty();
    }
    if (++fragmentsSeen == errorOnNth) {
      errorOnNth = 0;
      return OptionalInt.of(errorId);
    }
    return OptionalInt.empty();
  }

  @Override
  public synchronized long ackDelayMillis(AckEventType type) {
    return ackDelays.getOrDefault(type, 0L);
  }
}
