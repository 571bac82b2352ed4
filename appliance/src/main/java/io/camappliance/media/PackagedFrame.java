package io.camappliance.media;

import java.nio.ByteBuffer;

/**
 * One frame as container bytes, handed from the packager (the MKV fragmenter) to its consumers
 * (content store, recording). For a frame that starts a fragment the bytes begin with the
 * fragment's prologue (its metadata Tags and the Cluster header), then the frame's SimpleBlock; for
 * every other frame they are just the SimpleBlock.
 *
 * <p>The packager reuses one instance and one buffer for every frame, so a consumer copies what it
 * keeps before returning; nothing here is allocated per frame.
 */
public final class PackagedFrame {
  private ByteBuffer bytes = ByteBuffer.allocate(0);
  private boolean fragmentStart;
  private long fragmentTimecodeMillis;
  private long timecodeMillis;
  private long durationMillis;
  private long sequence;
  private long captureEpochMicros;
  private StreamHeader header;

  /** Sets every field; used by the packager before each hand-off. */
  public void set(
      ByteBuffer bytes,
      boolean fragmentStart,
      long fragmentTimecodeMillis,
      long timecodeMillis,
      long durationMillis,
      long sequence,
      long captureEpochMicros,
      StreamHeader header) {
    this.bytes = bytes;
    this.fragmentStart = fragmentStart;
    this.fragmentTimecodeMillis = fragmentTimecodeMillis;
    this.timecodeMillis = timecodeMillis;
    this.durationMillis = durationMillis;
    this.sequence = sequence;
    this.captureEpochMicros = captureEpochMicros;
    this.header = header;
  }

  /** The container bytes between position and limit; read with absolute gets or a duplicate. */
  public ByteBuffer bytes() {
    return bytes;
  }

  /**
   * True when this frame opens a new fragment (an IDR frame; the previous fragment is complete).
   */
  public boolean fragmentStart() {
    return fragmentStart;
  }

  /** The absolute timecode (epoch ms) of the fragment this frame belongs to. */
  public long fragmentTimecodeMillis() {
    return fragmentTimecodeMillis;
  }

  /** The frame's absolute presentation time in epoch milliseconds. */
  public long timecodeMillis() {
    return timecodeMillis;
  }

  /** The frame's nominal duration in milliseconds (from the frame rate). */
  public long durationMillis() {
    return durationMillis;
  }

  /** The source's frame sequence number. */
  public long sequence() {
    return sequence;
  }

  public long captureEpochMicros() {
    return captureEpochMicros;
  }

  /** The stream header the fragment belongs to. */
  public StreamHeader header() {
    return header;
  }
}
