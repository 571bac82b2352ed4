package io.camappliance.kvs;

/**
 * One ACK of the PutMedia response (kvs-putmedia.md §5), one flat JSON object per line:
 *
 * <pre>
 * {"EventType":"PERSISTED","FragmentTimecode":1711124585823,"FragmentNumber":"9134385233318143239..."}
 * {"EventType":"ERROR","FragmentTimecode":0,"FragmentNumber":"9134...","ErrorCode":"...","ErrorId":4004}
 * {"EventType":"IDLE"}
 * </pre>
 *
 * @param fragmentNumber the service's fragment number, kept as the string it is on the wire (up to
 *     128 digits, more than a {@code long} holds); "" when absent (IDLE, stream-level errors)
 * @param fragmentTimecode the Cluster Timecode exactly as sent (epoch ms for ABSOLUTE); -1 for
 *     stream-level errors, 0 when absent
 * @param errorId the {@code ErrorId} of an ERROR ack (§6), 0 otherwise
 */
public record Ack(
    AckEventType eventType, String fragmentNumber, long fragmentTimecode, int errorId) {

  public Ack {
    if (eventType == null || fragmentNumber == null) {
      throw new IllegalArgumentException(
          "eventType " + eventType + " and fragmentNumber " + fragmentNumber + " must be set");
    }
  }

  /** What the producer should do about this ERROR ack; {@link AckErrors#of} for any id. */
  public AckError error() {
    return AckErrors.of(errorId);
  }
}
