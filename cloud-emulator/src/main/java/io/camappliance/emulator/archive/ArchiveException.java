package io.camappliance.emulator.archive;

/**
 * A media or archived-media request refused with one of the service's modelled exceptions (KVS API
 * reference §6, §7): HTTP status, the {@code x-amzn-ErrorType} name and the message.
 */
public final class ArchiveException extends RuntimeException {
  private final int status;
  private final String errorType;

  public ArchiveException(int status, String errorType, String message) {
    super(message, null, false, false);
    this.status = status;
    this.errorType = errorType;
  }

  public static ArchiveException invalidArgument(String message) {
    return new ArchiveException(400, "InvalidArgumentException", message);
  }

  public static ArchiveException notFound(String message) {
    return new ArchiveException(404, "ResourceNotFoundException", message);
  }

  public int status() {
    return status;
  }

  public String errorType() {
    return errorType;
  }
}
