package io.camappliance.emulator.media;

import java.util.ArrayList;
import java.util.List;

/** Collects the frame sequence numbers of one fragment as runs, in arrival order. */
final class SequenceRuns {
  private final List<SequenceRange> runs = new ArrayList<>();
  private long first = -1;
  private long last = -1;

  void add(long seq) {
    if (first >= 0 && seq == last + 1) {
      last = seq;
      return;
    }
    flush();
    first = seq;
    last = seq;
  }

  private void flush() {
    if (first >= 0) {
      runs.add(new SequenceRange(first, last));
    }
  }

  List<SequenceRange> toList() {
    List<SequenceRange> out = new ArrayList<>(runs);
    if (first >= 0) {
      out.add(new SequenceRange(first, last));
    }
    return List.copyOf(out);
  }
}
