package io.camappliance.recording.backlog;

import io.camappliance.media.PackagedFrame;
import io.camappliance.media.PackagedSink;
import io.camappliance.media.StreamHeader;
import io.camappliance.media.VideoFormat;
import io.camappliance.mkv.FragmentMetadata;
import io.camappliance.mkv.Fragmenter;
import io.camappliance.mkv.FragmenterSettings;
import io.camappliance.mkv.SyntheticFrames;
import io.camappliance.store.BacklogEntry;
import io.camappliance.store.ContentStore;
import io.camappliance.store.EvictionListener;
import io.camappliance.store.StoreLimits;
import io.camappliance.store.TrimPolicy;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real packager feeding a real content store that nobody reads, so it evicts: synthetic access
 * units (an IDR every 60 frames at 30 fps, so one 2 s fragment per IDR) go through the {@link
 * Fragmenter} to this recorder of what was produced, then to the store whose eviction listener is
 * the backlog under test.
 */
final class EvictionRig implements PackagedSink {
  static final long T0_MICROS = 1_700_000_000_000_000L;
  static final int FRAMES_PER_FRAGMENT = 60;
  static final VideoFormat OTHER_FORMAT =
      new VideoFormat("H264", 640, 480, 30, SyntheticFrames.SPS, SyntheticFrames.PPS);

  final ContentStore store;
  private final Fragmenter fragmenter;

  /** Every fragment produced, in order, by timecode. */
  final Map<Long, Produced> produced = new LinkedHashMap<>();

  private Produced open;
  private VideoFormat format = SyntheticFrames.FORMAT;
  private long sequence;

  /** One fragment as the packager produced it. */
  static final class Produced {
    final long timecode;
    final StreamHeader header;
    final long firstSequence;
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int frames;
    long duration;

    Produced(long timecode, StreamHeader header, long firstSequence) {
      this.timecode = timecode;
      this.header = header;
      this.firstSequence = firstSequence;
    }

    byte[] bytes() {
      return bytes.toByteArray();
    }

    BacklogEntry entry() {
      return new BacklogEntry(
          timecode, duration, frames, firstSequence, bytes.size(), HeaderFile.key(header.bytes()));
    }
  }

  /** A store of {@code storeBytes} that tells {@code listener} what it evicts. */
  EvictionRig(long storeBytes, EvictionListener listener) {
    store =
        new ContentStore(
            new StoreLimits(storeBytes, 3_600_000, 100_000), TrimPolicy.ON_PERSISTED, listener);
    fragmenter =
        new Fragmenter(
            FragmenterSettings.DEFAULTS, new FragmentMetadata(), () -> true, List.of(this, store));
  }

  /** Produces {@code n} more whole fragments (the last one stays open until the next starts). */
  EvictionRig fragments(int n) {
    for (int i = 0; i < n * FRAMES_PER_FRAGMENT; i++) {
      long s = sequence++;
      fragmenter.onFrame(
          SyntheticFrames.frame(s, T0_MICROS + s * 33_333L, s % FRAMES_PER_FRAGMENT == 0, format));
    }
    return this;
  }

  /** The next fragments use another format, hence another stream header. */
  EvictionRig switchFormat() {
    format = format == SyntheticFrames.FORMAT ? OTHER_FORMAT : SyntheticFrames.FORMAT;
    return this;
  }

  /** The fragments evicted so far (none was received): the oldest produced ones. */
  List<Produced> evicted() {
    return new ArrayList<>(produced.values()).subList(0, (int) store.stats().fragmentsEvicted());
  }

  @Override
  public void onHeader(StreamHeader header) {}

  @Override
  public void onFrame(PackagedFrame frame) {
    if (frame.fragmentStart()) {
      open = new Produced(frame.fragmentTimecodeMillis(), frame.header(), frame.sequence());
      produced.put(open.timecode, open);
    }
    byte[] b = new byte[frame.bytes().remaining()];
    frame.bytes().duplicate().get(b);
    open.bytes.writeBytes(b);
    open.frames++;
    open.duration += frame.durationMillis();
  }

  @Override
  public void onEnd() {}
}
