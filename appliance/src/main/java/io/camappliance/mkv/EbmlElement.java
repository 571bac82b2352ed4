package io.camappliance.mkv;

/**
 * One EBML element header as found in the data (RFC 8794 §4): its ID (marker bits kept, as in
 * {@link MkvIds}), where it starts, how long its header is and its declared data size.
 *
 * <pre>
 * | ID (vint, 1-4 bytes) | DataSize (vint, 1-8 bytes; all value bits 1 = unknown) | data |
 * ^ offset                                                                          ^ dataOffset
 * </pre>
 *
 * @param size the declared data size, or {@link #UNKNOWN_SIZE}
 */
public record EbmlElement(int id, long offset, int headerLength, long size) {

  /** The value of {@link #size()} for an element of unknown size (live Segment and Cluster). */
  public static final long UNKNOWN_SIZE = -1;

  public boolean unknownSize() {
    return size == UNKNOWN_SIZE;
  }

  /** The offset of the first data byte. */
  public long dataOffset() {
    return offset + headerLength;
  }

  /** The offset just past the data; only for elements of known size. */
  public long end() {
    if (unknownSize()) {
      throw new IllegalStateException(
          "element 0x" + Integer.toHexString(id) + " at " + offset + " has unknown size");
    }
    return dataOffset() + size;
  }
}
