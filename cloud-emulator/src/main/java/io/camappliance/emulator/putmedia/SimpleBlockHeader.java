package io.camappliance.emulator.putmedia;

import java.nio.ByteBuffer;

/**
 * The header of a SimpleBlock's data (Matroska §SimpleBlock; kvs-data-model §2).
 *
 * <pre>
 * | track number (vint, 1-8 bytes) | relative timecode (int16, BE) | flags (1) | frame ... |
 *                                                        flags: 0x80 key frame, 0x06 lacing
 * </pre>
 *
 * @param headerLength bytes before the frame data
 */
record SimpleBlockHeader(long track, short relativeTimecode, boolean keyFrame, int headerLength) {

  /** Reads the header at the buffer's position, which is left unchanged. */
  static SimpleBlockHeader parse(ByteBuffer block) throws MalformedMkvException {
    int p = block.position();
    if (block.remaining() < 4) {
      throw new MalformedMkvException("a block of " + block.remaining() + " bytes, at least 4");
    }
    int first = block.get(p) & 0xFF;
    int len = Integer.numberOfLeadingZeros(first) - 24 + 1;
    if (first == 0 || len > 8 || block.remaining() < len + 3) {
      throw new MalformedMkvException(
          String.format(
              "block track vint 0x%02X (%d bytes) in a block of %d bytes",
              first, len, block.remaining()));
    }
    long track = first & (0xFF >> len);
    for (int i = 1; i < len; i++) {
      track = (track << 8) | (block.get(p + i) & 0xFF);
    }
    short relative = block.getShort(p + len);
    boolean key = (block.get(p + len + 2) & 0x80) != 0;
    return new SimpleBlockHeader(track, relative, key, len + 3);
  }
}
