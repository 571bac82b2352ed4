package io.camappliance.emulator.streams;

/** A {@link StreamStore} change refused because of the state it found; the message says why. */
public final class StoreException extends RuntimeException {

  /** What kind of conflict; the control plane maps each to the service's exception. */
  public enum Kind {
    ALREADY_EXISTS,
    NOT_FOUND,
    VERSION_MISMATCH,
    TAG_LIMIT,
    OUT_OF_RANGE
  }

  private final Kind kind;

  StoreException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
