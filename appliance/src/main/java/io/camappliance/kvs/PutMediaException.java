package io.camappliance.kvs;

import java.io.IOException;
import java.util.Locale;

/**
 * A classified PutMedia failure: an HTTP error before the 200 (kvs-putmedia.md §7), a lost
 * connection, or a protocol violation. The class is decided here, once, from the {@code
 * x-amzn-ErrorType} name first and the status second; retries are decided on {@link #errorClass()}.
 */
public final class PutMediaException extends IOException {
  /** The {@link #errorType()} of a connection that failed or ended without an HTTP error. */
  public static final String CONNECTION_LOST = "ConnectionLost";

  /** The {@link #errorType()} of a response that broke HTTP or the chunked encoding. */
  public static final String PROTOCOL_ERROR = "ProtocolError";

  private final ErrorClass errorClass;
  private final int httpStatus;
  private final String errorType;

  PutMediaException(
      ErrorClass errorClass, int httpStatus, String errorType, String message, Throwable cause) {
    super(message, cause);
    this.errorClass = errorClass;
    this.httpStatus = httpStatus;
    this.errorType = errorType;
  }

  /** What the producer does about it. */
  public ErrorClass errorClass() {
    return errorClass;
  }

  /** The HTTP status of a refusal; 0 when there was none (connection failures). */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * The service's exception name without its namespace ({@code ResourceNotFoundException}), or
   * {@link #CONNECTION_LOST} / {@link #PROTOCOL_ERROR}.
   */
  public String errorType() {
    return errorType;
  }

  static PutMediaException connectionLost(String what, Throwable cause) {
    return new PutMediaException(
        ErrorClass.RECONNECT, 0, CONNECTION_LOST, "PutMedia connection lost: " + what, cause);
  }

  static PutMediaException protocol(String what) {
    return new PutMediaException(
        ErrorClass.RECONNECT,
        0,
        PROTOCOL_ERROR,
        "PutMedia response broke the protocol: " + what,
        null);
  }

  /**
   * Classifies an HTTP error answered instead of the 200.
   *
   * @param errorTypeHeader {@code x-amzn-ErrorType}, possibly with a {@code :namespace} suffix, or
   *     null
   */
  static PutMediaException ofHttp(
      String stream, int status, String errorTypeHeader, String serviceMessage) {
    String type = errorTypeHeader == null ? "" : errorTypeHeader;
    int colon = type.indexOf(':');
    if (colon >= 0) {
      type = type.substring(0, colon);
    }
    type = type.trim();
    ErrorClass c = classify(status, type);
    String shown = type.isEmpty() ? "HTTP " + status : type;
    String message =
        "PutMedia to stream "
            + stream
            + " refused with "
            + status
            + " "
            + shown
            + ": "
            + serviceMessage
            + advice(c, type);
    return new PutMediaException(c, status, type.isEmpty() ? "Http" + status : type, message, null);
  }

  // One rule per line; the name wins over the status because 400 covers both throttling and
  // invalid arguments, and 403 both IAM denials and signature errors.
  private static ErrorClass classify(int status, String type) {
    switch (type) {
      case "ClientLimitExceededException":
      case "ConnectionLimitExceededException":
      case "ThrottlingException":
        return ErrorClass.THROTTLED;
      case "NotAuthorizedException": // also an expired token (§7)
      case "AccessDeniedException":
      case "InvalidSignatureException":
      case "IncompleteSignatureException":
      case "UnrecognizedClientException":
      case "ExpiredTokenException":
      case "MissingAuthenticationTokenException":
      case "RequestExpired":
      case "SignatureExpired":
      case "SignatureNotYetCurrent":
        return ErrorClass.AUTH;
      case "ResourceNotFoundException":
      case "InvalidArgumentException":
        return ErrorClass.STREAM_STOPPED;
      case "InvalidEndpointException": // GetDataEndpoint again, as every reconnect does (§1.4)
        return ErrorClass.RECONNECT;
      default:
        break;
    }
    if (status == 401 || status == 403) {
      return ErrorClass.AUTH;
    }
    if (status == 404) {
      return ErrorClass.STREAM_STOPPED;
    }
    if (status == 408 || status == 400 || status >= 500) {
      return ErrorClass.RECONNECT; // the C SDK retries 400 as "unknown" too
    }
    return ErrorClass.STREAM_STOPPED;
  }

  private static String advice(ErrorClass c, String type) {
    switch (c) {
      case AUTH:
        return type.toLowerCase(Locale.ROOT).contains("expired")
            ? " (check the camera's clock and the credentials' expiry)"
            : " (check the credentials, their policy for this stream, and the camera's clock)";
      case STREAM_STOPPED:
        return type.equals("ResourceNotFoundException")
            ? " (create the stream or fix the stream name and region)"
            : " (fix the stream settings)";
      default:
        return "";
    }
  }
}
