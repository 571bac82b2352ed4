package io.camappliance.emulator.putmedia;

/**
 * One ACK line of the PutMedia response (kvs-putmedia.md §5): a flat JSON object, {@code
 * FragmentNumber} a string, {@code ErrorId} a number.
 *
 * <pre>
 * {"EventType":"PERSISTED","FragmentTimecode":1711124585823,"FragmentNumber":"9134...586"}
 * {"EventType":"ERROR","FragmentTimecode":-1,"FragmentNumber":"","ErrorCode":"INVALID_MKV_DATA","ErrorId":4006}
 * {"EventType":"IDLE"}
 * </pre>
 *
 * @param fragmentTimecode -1 and {@code fragmentNumber} "" for errors of the stream rather than of
 *     a fragment
 * @param errorCode null unless ERROR
 */
public record Ack(
    AckEventType type,
    long fragmentTimecode,
    String fragmentNumber,
    String errorCode,
    int errorId) {

  public static Ack idle() {
    return new Ack(AckEventType.IDLE, 0, null, null, 0);
  }

  public static Ack of(AckEventType type, long timecode, String number) {
    return new Ack(type, timecode, number, null, 0);
  }

  public static Ack error(long timecode, String number, String errorCode, int errorId) {
    return new Ack(AckEventType.ERROR, timecode, number, errorCode, errorId);
  }

  /** The JSON line, newline-terminated. Fragment numbers and codes need no escaping. */
  public String toJsonLine() {
    if (type == AckEventType.IDLE) {
      return "{\"EventType\":\"IDLE\"}\n";
    }
    StringBuilder b = new StringBuilder(160);
    b.append("{\"EventType\":\"").append(type.name()).append('"');
    b.append(",\"FragmentTimecode\":").append(fragmentTimecode);
    b.append(",\"FragmentNumber\":\"").append(fragmentNumber == null ? "" : fragmentNumber);
    b.append('"');
    if (type == AckEventType.ERROR) {
      b.append(",\"ErrorCode\":\"").append(errorCode).append('"');
      b.append(",\"ErrorId\":").append(errorId);
    }
    return b.append("}\n").toString();
  }
}
