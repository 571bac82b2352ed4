package io.camappliance.media;

/**
 * One encoded H.264 access unit in Annex-B form (start-code delimited NAL units), as the encoder
 * produced it, with its timing.
 *
 * <p>Timestamps are epoch microseconds on the source's monotonic clock: the source anchors its
 * monotonic clock to the wall clock once, at start, so PTS and DTS never go backwards even when the
 * wall clock is stepped by NTP. {@code captureEpochMicros} is the wall-clock time the picture was
 * taken, for latency measurement. The payload is shared by every consumer and must not be modified.
 */
public final class EncodedFrame {
  private final long sequence;
  private final long ptsMicros;
  private final long dtsMicros;
  private final long captureEpochMicros;
  private final boolean keyframe;
  private final byte[] data;
  private final int length;
  private final VideoFormat format;

  /**
   * @param sequence the source's frame counter, starting at 0 and growing by one per frame
   * @param keyframe true for an IDR access unit (a fragment may start here)
   * @param data Annex-B bytes; only the first {@code length} bytes are the frame
   * @param format the stream's format at this frame
   */
  public EncodedFrame(
      long sequence,
      long ptsMicros,
      long dtsMicros,
      long captureEpochMicros,
      boolean keyframe,
      byte[] data,
      int length,
      VideoFormat format) {
    if (length < 0 || length > data.length) {
      throw new IllegalArgumentException("length " + length + " outside buffer of " + data.length);
    }
    this.sequence = sequence;
    this.ptsMicros = ptsMicros;
    this.dtsMicros = dtsMicros;
    this.captureEpochMicros = captureEpochMicros;
    this.keyframe = keyframe;
    this.data = data;
    this.length = length;
    this.format = format;
  }

  public long sequence() {
    return sequence;
  }

  public long ptsMicros() {
    return ptsMicros;
  }

  public long dtsMicros() {
    return dtsMicros;
  }

  public long captureEpochMicros() {
    return captureEpochMicros;
  }

  public boolean keyframe() {
    return keyframe;
  }

  /** The Annex-B bytes (shared; read only the first {@link #length()} bytes, never write). */
  public byte[] data() {
    return data;
  }

  public int length() {
    return length;
  }

  public VideoFormat format() {
    return format;
  }

  @Override
  public String toString() {
    return "frame #"
        + sequence
        + (keyframe ? " key" : "")
        + " pts="
        + ptsMicros
        + "us "
        + length
        + " bytes";
  }
}
