package io.camappliance.media;

/**
 * A camera or other producer of H.264 access units. {@link #start} begins delivery on a thread the
 * source owns; {@link #close} stops it and releases the device.
 */
public interface VideoSource extends AutoCloseable {

  /** A short description for logs and the status page, e.g. {@code test-pattern 1280x720@30}. */
  String describe();

  /**
   * Starts capture; frames go to {@code sink} on the source's own thread.
   *
   * @throws SourceException when the device cannot be opened, naming the device and the fix
   */
  void start(FrameSink sink) throws SourceException;

  /**
   * Asks the encoder for an IDR frame as soon as possible.
   *
   * @return whether this source can honour the request; a source that cannot (e.g. a camera that
   *     encodes H.264 itself) returns false and the caller waits for the next natural IDR
   */
  boolean requestKeyframe();

  /** Stops capture; idempotent. */
  @Override
  void close();
}
