package io.camappliance.kvs;

/**
 * The stream cannot be used as configured; the message names the stream and the region and says
 * what to change (create the stream, allow the action in the role's policy, ...).
 */
public final class StreamSetupException extends Exception {
  private final ErrorClass errorClass;

  public StreamSetupException(ErrorClass errorClass, String message, Throwable cause) {
    super(message, cause);
    this.errorClass = errorClass;
  }

  /** STREAM_STOPPED when a person must act, AUTH, THROTTLED or RECONNECT when retrying helps. */
  public ErrorClass errorClass() {
    return errorClass;
  }
}
