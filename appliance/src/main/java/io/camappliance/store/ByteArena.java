package io.camappliance.store;

/**
 * The store's bytes: one array allocated once and used as a ring. Frames sit in it contiguously in
 * arrival order, the oldest at the tail offset, the next one written at {@code writePos}:
 *
 * <pre>
 *   not wrapped:  [ free | tail … frames … | free            ]
 *                          ^tailOffset      ^writePos
 *   wrapped:      [ frames … | free | tail … frames | skipped ]
 *                            ^writePos ^tailOffset
 * </pre>
 *
 * A frame that does not fit before the array's end goes to offset 0; the bytes skipped at the end
 * are counted and become free again once the tail passes them.
 */
final class ByteArena {
  final byte[] bytes;
  private int writePos;
  private long skippedTotal;

  ByteArena(int capacity) {
    this.bytes = new byte[capacity];
  }

  int capacity() {
    return bytes.length;
  }

  /**
   * Reserves {@code length} (> 0) contiguous bytes after the newest frame.
   *
   * @param tailOffset offset of the oldest stored frame; ignored when {@code empty}
   * @param empty no frame is stored
   * @return the offset to write at, or -1 when the bytes do not fit without evicting
   */
  int allocate(int length, int tailOffset, boolean empty) {
    if (empty) {
      writePos = 0;
    }
    if (empty || writePos > tailOffset) {
      if (length <= bytes.length - writePos) {
        return take(writePos, length);
      }
      if (length <= tailOffset) {
        skippedTotal += bytes.length - writePos;
        return take(0, length);
      }
      return -1;
    }
    if (length <= tailOffset - writePos) {
      return take(writePos, length);
    }
    return -1;
  }

  private int take(int offset, int length) {
    writePos = offset + length;
    return offset;
  }

  /** Bytes from the tail to the write position, including those skipped at the end. */
  int used(int tailOffset, boolean empty) {
    if (empty) {
      return 0;
    }
    return writePos > tailOffset ? writePos - tailOffset : bytes.length - tailOffset + writePos;
  }

  long skippedTotal() {
    return skippedTotal;
  }
}
