package io.camappliance.emulator.putmedia;

import io.camappliance.emulator.media.PendingFragment;
import java.time.Instant;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;

/** The Cluster being received: its number, timing and what its frames looked like so far. */
final class FragmentInProgress {
  final PendingFragment pending;
  final Instant serverTimestamp;
  final OptionalInt injectedError;
  final Set<Long> tracksWithFrames = new HashSet<>();
  long timecode = -1;
  long startNanos;
  long lastFrameNanos = Long.MIN_VALUE;
  long maxRelativeTicks;
  int frames;

  FragmentInProgress(PendingFragment pending, Instant serverTimestamp, OptionalInt injectedError) {
    this.pending = pending;
    this.serverTimestamp = serverTimestamp;
    this.injectedError = injectedError;
  }

  String number() {
    return pending.fragmentNumber();
  }

  boolean hasTimecode() {
    return timecode >= 0;
  }
}
