package io.camappliance.recording;

import io.camappliance.media.PackagedSink;
import io.camappliance.media.StreamHeader;

/**
 * Feeds a sink with synthetic frames: sequence numbers from 0, a fragment every {@code
 * framesPerFragment} frames, {@code stepMillis} apart starting at {@code startMillis}.
 */
final class SyntheticCamera {
  final TestMkv mkv = new TestMkv();
  final int framesPerFragment;
  final long stepMillis;
  final byte[] payload;
  StreamHeader header;
  long sequence;
  long timecode;
  long fragmentTimecode;

  SyntheticCamera(
      StreamHeader header,
      long startMillis,
      long stepMillis,
      int framesPerFragment,
      int payloadBytes) {
    this.header = header;
    this.timecode = startMillis;
    this.stepMillis = stepMillis;
    this.framesPerFragment = framesPerFragment;
    this.payload = new byte[payloadBytes];
  }

  void frame(PackagedSink sink) {
    boolean start = sequence % framesPerFragment == 0;
    if (start) {
      fragmentTimecode = timecode;
    }
    payload[0] = (byte) sequence;
    mkv.send(sink, header, start, fragmentTimecode, timecode, stepMillis, sequence, start, payload);
    sequence++;
    timecode += stepMillis;
  }

  void fragments(PackagedSink sink, int n) {
    for (int i = 0; i < n * framesPerFragment; i++) {
      frame(sink);
    }
  }
}
