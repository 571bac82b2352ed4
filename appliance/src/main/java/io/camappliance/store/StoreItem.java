package io.camappliance.store;

import io.camappliance.media.StreamHeader;

/**
 * What the store says about one stored frame (a content-view item): the reader passes one instance
 * and the store fills it, so reading allocates nothing.
 */
public final class StoreItem {
  private long index = -1;
  private long sequence;
  private long timecodeMillis;
  private long durationMillis;
  private long fragmentTimecodeMillis;
  private long captureEpochMicros;
  private boolean fragmentStart;
  private int length;
  private StreamHeader header;

  void set(
      long index,
      long sequence,
      long timecodeMillis,
      long durationMillis,
      long fragmentTimecodeMillis,
      long captureEpochMicros,
      boolean fragmentStart,
      int length,
      StreamHeader header) {
    this.index = index;
    this.sequence = sequence;
    this.timecodeMillis = timecodeMillis;
    this.durationMillis = durationMillis;
    this.fragmentTimecodeMillis = fragmentTimecodeMillis;
    this.captureEpochMicros = captureEpochMicros;
    this.fragmentStart = fragmentStart;
    this.length = length;
    this.header = header;
  }

  /**
   * The store's frame index: 0 for the first frame ever stored, one more for each frame stored
   * after it. A frame read again after a rewind has the same index.
   */
  public long index() {
    return index;
  }

  /** The source's frame sequence number. */
  public long sequence() {
    return sequence;
  }

  /** Absolute presentation time, epoch milliseconds. */
  public long timecodeMillis() {
    return timecodeMillis;
  }

  public long durationMillis() {
    return durationMillis;
  }

  /**
   * The fragment's (Cluster's) absolute timecode in epoch milliseconds: the value the service's
   * acknowledgements carry.
   */
  public long fragmentTimecodeMillis() {
    return fragmentTimecodeMillis;
  }

  public long captureEpochMicros() {
    return captureEpochMicros;
  }

  /**
   * True when the frame opens a fragment: its bytes start with the fragment's Tags and Cluster
   * header, and a new PutMedia session may begin here (after {@link #header()}).
   */
  public boolean fragmentStart() {
    return fragmentStart;
  }

  /** The frame's size in bytes. */
  public int length() {
    return length;
  }

  /** The stream header the frame's fragment belongs to; a session must start with it. */
  public StreamHeader header() {
    return header;
  }

  @Override
  public String toString() {
    return "StoreItem{index="
        + index
        + ", sequence="
        + sequence
        + ", timecode="
        + timecodeMillis
        + ", fragment="
        + fragmentTimecodeMillis
        + (fragmentStart ? " (start)" : "")
        + ", length="
        + length
        + "}";
  }
}
