package io.camappliance.kvs;

/**
 * The {@code EventType} of a PutMedia ACK (kvs-putmedia.md §5). The wire values are upper case;
 * {@link #UNKNOWN} stands for a value this producer does not know, so a new event type from the
 * service is passed on rather than treated as a broken line.
 */
public enum AckEventType {
  /** The first byte of the fragment arrived. */
  BUFFERING,
  /** The whole fragment arrived. */
  RECEIVED,
  /** The fragment is durably stored (streams with retention only). */
  PERSISTED,
  /** A processing error; the service ends the response after it (§6). */
  ERROR,
  /** Liveness while no data arrives; no fragment fields. */
  IDLE,
  /** Any other value. */
  UNKNOWN;

  /** The type named by the wire value {@code value}, or {@link #UNKNOWN}. */
  static AckEventType ofWire(String value) {
    switch (value) {
      case "BUFFERING":
        return BUFFERING;
      case "RECEIVED":
        return RECEIVED;
      case "PERSISTED":
        return PERSISTED;
      case "ERROR":
        return ERROR;
      case "IDLE":
        return IDLE;
      default:
        return UNKNOWN;
    }
  }
}
