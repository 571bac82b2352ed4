package io.camappliance.emulator.putmedia;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The PutMedia request headers (kvs-putmedia.md §2), validated. A bad value is an {@code
 * InvalidArgumentException} (400) before the 200; that includes an unparseable start timestamp
 * (§6.1 would allow ERROR 4007, but the header is checked before the body exists).
 *
 * @param streamName null when the request names the stream by ARN
 * @param streamArn null when it names it by name
 * @param producerStartMillis {@code x-amzn-producer-start-timestamp} in epoch ms, or -1 when absent
 *     (allowed for ABSOLUTE)
 */
public record PutMediaHeaders(
    String streamName,
    String streamArn,
    boolean relative,
    long producerStartMillis,
    boolean acksRequired) {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,256}");
  private static final Pattern ARN =
      Pattern.compile(
          "arn:[a-z\\d-]+:kinesisvideo:[a-z0-9-]+:[0-9]+:[a-z]+/([a-zA-Z0-9_.-]+)/[0-9]+");

  /** Thrown for a header value the service refuses; the message is the response's Message. */
  public static final class InvalidHeaderException extends Exception {
    InvalidHeaderException(String message) {
      super(message);
    }
  }

  /** Reads and checks the headers; {@code header} returns null for an absent header. */
  public static PutMediaHeaders parse(Function<String, String> header)
      throws InvalidHeaderException {
    String name = header.apply("x-amzn-stream-name");
    String arn = header.apply("x-amzn-stream-arn");
    if ((name == null) == (arn == null)) {
      throw new InvalidHeaderException(
          "Exactly one of x-amzn-stream-name and x-amzn-stream-arn must be given.");
    }
    if (name != null && !NAME.matcher(name).matches()) {
      throw new InvalidHeaderException(
          "x-amzn-stream-name '" + name + "' must match [a-zA-Z0-9_.-]{1,256}.");
    }
    if (arn != null && (arn.length() > 1024 || !ARN.matcher(arn).matches())) {
      throw new InvalidHeaderException("x-amzn-stream-arn '" + arn + "' is not a stream ARN.");
    }
    String type = header.apply("x-amzn-fragment-timecode-type");
    if (!"ABSOLUTE".equals(type) && !"RELATIVE".equals(type)) {
      throw new InvalidHeaderException(
          "x-amzn-fragment-timecode-type must be ABSOLUTE or RELATIVE, was '" + type + "'.");
    }
    boolean relative = "RELATIVE".equals(type);
    String start = header.apply("x-amzn-producer-start-timestamp");
    long startMillis = -1;
    if (start != null) {
      startMillis = parseSeconds(start);
    } else if (relative) {
      throw new InvalidHeaderException(
          "x-amzn-producer-start-timestamp is required with RELATIVE timecodes.");
    }
    String ack = header.apply("x-amzn-fragment-acknowledgment-required");
    boolean acks;
    if (ack == null || ack.equals("1") || ack.equalsIgnoreCase("true")) {
      acks = true;
    } else if (ack.equals("0") || ack.equalsIgnoreCase("false")) {
      acks = false;
    } else {
      throw new InvalidHeaderException(
          "x-amzn-fragment-acknowledgment-required must be 1 or 0, was '" + ack + "'.");
    }
    return new PutMediaHeaders(name, arn, relative, startMillis, acks);
  }

  /** The stream name the request acts on: the header, or the name inside the ARN. */
  public String nameForAuthorization() {
    if (streamName != null) {
      return streamName;
    }
    var m = ARN.matcher(streamArn);
    return m.matches() ? m.group(1) : null;
  }

  /**
   * Decimal epoch seconds, fraction unpadded or padded ({@code 1711124585.5} = .500 s), as the C
   * and C++ SDKs send; or ISO 8601 ({@code 2023-11-14T22:13:20.000Z}), as the Java SDK v1 sends.
   */
  private static long parseSeconds(String s) throws InvalidHeaderException {
    if (s.indexOf('T') > 0) {
      try {
        return Instant.parse(s.trim()).toEpochMilli();
      } catch (DateTimeParseException e) {
        throw new InvalidHeaderException(
            "x-amzn-producer-start-timestamp '" + s + "' is not an ISO 8601 instant.");
      }
    }
    try {
      BigDecimal seconds = new BigDecimal(s.trim());
      if (seconds.signum() < 0) {
        throw new InvalidHeaderException(
            "x-amzn-producer-start-timestamp must not be negative, was '" + s + "'.");
      }
      return seconds.movePointRight(3).longValue();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new InvalidHeaderException(
          "x-amzn-producer-start-timestamp '" + s + "' is not decimal epoch seconds.");
    }
  }
}
