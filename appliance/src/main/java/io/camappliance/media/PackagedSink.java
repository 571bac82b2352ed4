package io.camappliance.media;

/**
 * Receives a packaged (MKV) stream frame by frame, on the packager's thread. Calls come in this
 * order: {@code onHeader}, then frames of which the first starts a fragment, then possibly a new
 * header (the format changed) and more frames, and {@code onEnd} when the stream stops. A fragment
 * is complete when the next fragment starts, a new header arrives, or the stream ends.
 */
public interface PackagedSink {

  void onHeader(StreamHeader header);

  /** The frame's bytes are only valid during the call. */
  void onFrame(PackagedFrame frame);

  /** The stream stopped; the last fragment is complete. */
  void onEnd();
}
