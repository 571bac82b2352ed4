package io.camappliance.media;

/** Receives encoded frames from a source, on the source's capture thread. Must not block. */
@FunctionalInterface
public interface FrameSink {
  void onFrame(EncodedFrame frame);
}
