package io.camappliance.emulator.putmedia;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Faults PutMedia injects when told to (the admin API implements this). Every method is asked at
 * the one point it applies; the default injects nothing.
 */
public interface PutMediaFaults {

  /** An HTTP refusal in place of this request (500, 503, throttling), or empty. */
  default Optional<HttpFault> beforeRequest(String streamName) {
    return Optional.empty();
  }

  /** The number of body bytes after which this new connection is cut, or -1. */
  default long cutAfterBytes() {
    return -1;
  }

  /** An ErrorId to answer for this fragment (asked once per fragment, at its start), or empty. */
  default OptionalInt errorForFragment(String streamName) {
    return OptionalInt.empty();
  }

  /** How to deliver ACKs of this type: delay in milliseconds, or -1 to drop them. */
  default long ackDelayMillis(AckEventType type) {
    return 0;
  }

  /** No faults. */
  PutMediaFaults NONE = new PutMediaFaults() {};

  /** An HTTP error answered instead of the 200. */
  record HttpFault(int status, String errorType, String message) {}
}
