package io.camappliance.emulator.control;

/**
 * A request refused with one of the service's modelled exceptions: HTTP status, the name the SDKs
 * map to their exception classes, and the message.
 */
final class ApiException extends RuntimeException {
  final int status;
  final String errorType;

  ApiException(int status, String errorType, String message) {
    super(message, null, false, false);
    this.status = status;
    this.errorType = errorType;
  }

  static ApiException invalidArgument(String message) {
    return new ApiException(400, "InvalidArgumentException", message);
  }

  static ApiException notFound(String message) {
    return new ApiException(404, "ResourceNotFoundException", message);
  }
}
