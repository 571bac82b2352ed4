package io.camappliance.mkv;

import java.io.IOException;

/** Bytes that are not valid EBML where a reader expected an element, or a read past the data. */
public final class EbmlException extends IOException {
  private final long offset;

  public EbmlException(long offset, String message) {
    super("at offset " + offset + ": " + message);
    this.offset = offset;
  }

  /** Where in the data the problem is. */
  public long offset() {
    return offset;
  }
}
