package io.camappliance.emulator.putmedia;

import java.util.Set;

/**
 * Walks the EBML element headers of a PutMedia body as its bytes arrive, before the MKV parser sees
 * them, and refuses what the parser would otherwise buffer or wait for without bound: an element
 * whose declared size exceeds the limit, an unknown size on anything but Segment or Cluster, an
 * EBML header longer than {@value #MAX_EBML_HEADER} bytes, an invalid ID or size vint, and a body
 * that does not start with the EBML header (Matroska/EBML RFC 8794 §4).
 *
 * <pre>
 * element := ID (vint, 1-4 bytes, marker kept) | size (vint, 1-8 bytes, marker dropped;
 *            all value bits 1 = unknown) | data (size bytes: children for a master)
 * </pre>
 *
 * Masters are entered (their children are walked), everything else is skipped by its size, so the
 * guard needs no more memory than one header.
 */
final class EbmlGuard {
  static final int MAX_EBML_HEADER = 4096;
  private static final long EBML = 0x1A45DFA3L;
  private static final long SEGMENT = 0x18538067L;
  private static final long CLUSTER = 0x1F43B675L;
  private static final Set<Long> MASTERS =
      Set.of(
          EBML,
          SEGMENT,
          CLUSTER,
          0x114D9B74L, // SeekHead
          0x4DBBL, // Seek
          0x1549A966L, // Info
          0x1654AE6BL, // Tracks
          0xAEL, // TrackEntry
          0xE0L, // Video
          0xE1L, // Audio
          0x6D80L, // ContentEncodings
          0x6240L, // ContentEncoding
          0x1254C367L, // Tags
          0x7373L, // Tag
          0x63C0L, // Targets
          0x67C8L, // SimpleTag
          0xA0L, // BlockGroup
          0x1C53BB6BL, // Cues
          0xBBL, // CuePoint
          0xB7L // CueTrackPositions
          );

  private final long maxElementBytes;
  private int state; // 0 id, 1 size, 2 skip
  private int need;
  private int have;
  private long id;
  private long size;
  private long skipLeft;
  private long elements;
  private long offset;

  EbmlGuard(long maxElementBytes) {
    this.maxElementBytes = maxElementBytes;
  }

  /** Checks {@code len} more body bytes. */
  void accept(byte[] b, int off, int len) throws MalformedMkvException {
    int end = off + len;
    int i = off;
    while (i < end) {
      if (state == 2) {
        long n = Math.min(skipLeft, end - i);
        skipLeft -= n;
        i += (int) n;
        offset += n;
        if (skipLeft == 0) {
          state = 0;
        }
        continue;
      }
      int v = b[i++] & 0xFF;
      offset++;
      if (state == 0) {
        if (have == 0) {
          need = Integer.numberOfLeadingZeros(v) - 24 + 1;
          if (v == 0 || need > 4) {
            throw new MalformedMkvException(
                String.format("invalid element ID first byte 0x%02X at offset %d", v, offset - 1));
          }
          id = v;
        } else {
          id = (id << 8) | v;
        }
        if (++have == need) {
          have = 0;
          state = 1;
        }
      } else {
        if (have == 0) {
          need = Integer.numberOfLeadingZeros(v) - 24 + 1;
          if (v == 0) {
            throw new MalformedMkvException(
                String.format(
                    "invalid size vint 0x00 for element 0x%X at offset %d", id, offset - 1));
          }
          size = v & (0xFF >> need);
        } else {
          size = (size << 8) | v;
        }
        if (++have == need) {
          have = 0;
          elementHeaderDone();
        }
      }
    }
  }

  private void elementHeaderDone() throws MalformedMkvException {
    boolean unknown = size == (1L << (7 * need)) - 1;
    if (elements++ == 0 && id != EBML) {
      throw new MalformedMkvException(
          String.format("body starts with element 0x%X, not the EBML header 0x1A45DFA3", id));
    }
    if (unknown && id != SEGMENT && id != CLUSTER) {
      throw new MalformedMkvException(
          String.format("element 0x%X has unknown size; only Segment and Cluster may", id));
    }
    if (id == EBML && size > MAX_EBML_HEADER) {
      throw new MalformedMkvException(
          String.format("EBML header of %d bytes, at most %d accepted", size, MAX_EBML_HEADER));
    }
    if (MASTERS.contains(id)) {
      state = 0;
      return;
    }
    if (size > maxElementBytes) {
      throw new MalformedMkvException(
          String.format(
              "element 0x%X of %d bytes at offset %d, at most %d accepted",
              id, size, offset, maxElementBytes));
    }
    skipLeft = size;
    state = size == 0 ? 0 : 2;
  }
}
