package io.camappliance.core;

import io.camappliance.media.PackagedFrame;
import io.camappliance.media.PackagedSink;
import io.camappliance.media.StreamHeader;
import java.io.PrintStream;

/** Prints one line per completed fragment: its timecode, duration, frames, bytes and sequences. */
final class FragmentLog implements PackagedSink {
  private final PrintStream out;
  private boolean open;
  private long timecode;
  private long lastTimecode;
  private long lastDuration;
  private int frames;
  private long bytes;
  private long firstSequence;
  private long lastSequence;
  private long count;

  FragmentLog(PrintStream out) {
    this.out = out;
  }

  @Override
  public void onHeader(StreamHeader header) {
    complete();
    out.printf("stream header #%d: %s%n", header.id(), header.format());
  }

  @Override
  public void onFrame(PackagedFrame frame) {
    if (frame.fragmentStart()) {
      complete();
      open = true;
      timecode = frame.fragmentTimecodeMillis();
      frames = 0;
      bytes = 0;
      firstSequence = frame.sequence();
    }
    if (!open) {
      return;
    }
    frames++;
    bytes += frame.bytes().remaining();
    lastSequence = frame.sequence();
    lastTimecode = frame.timecodeMillis();
    lastDuration = frame.durationMillis();
  }

  @Override
  public void onEnd() {
    complete();
  }

  private void complete() {
    if (!open) {
      return;
    }
    open = false;
    count++;
    out.printf(
        "fragment %d: timecode %d, %d ms, %d frames (#%d..#%d), %d bytes%n",
        count,
        timecode,
        lastTimecode + lastDuration - timecode,
        frames,
        firstSequence,
        lastSequence,
        bytes);
  }
}
