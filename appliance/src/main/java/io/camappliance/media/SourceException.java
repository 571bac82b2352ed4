package io.camappliance.media;

/** A video source could not start or failed for good; the message names the device and the fix. */
public class SourceException extends Exception {
  public SourceException(String message) {
    super(message);
  }

  public SourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
