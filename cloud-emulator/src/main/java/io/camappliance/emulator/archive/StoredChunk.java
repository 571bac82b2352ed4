package io.camappliance.emulator.archive;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The layout of a stored fragment chunk (kvs-data-model §9): the PutMedia session's header, the
 * producer's Tags, and one Cluster, Segment and Cluster of unknown size.
 *
 * <pre>
 * EBML | Segment(unknown) | Info | Tracks | ...   ← header, ends at {@link #headerEnd()}
 * Tags*                                            ← producer's fragment metadata
 * Cluster(unknown) | Timecode | SimpleBlock*       ← starts at {@link #clusterStart()}
 * </pre>
 *
 * Element IDs are Matroska's (kvs-data-model §1.1). Only what the archive and HLS need is kept:
 * TimecodeScale, the tracks with their CodecPrivate and picture size, the Cluster Timecode and the
 * blocks as slices of the chunk.
 */
public final class StoredChunk {
  static final long EBML = 0x1A45DFA3L;
  static final long SEGMENT = 0x18538067L;
  static final long INFO = 0x1549A966L;
  static final long TIMECODE_SCALE = 0x2AD7B1L;
  static final long TRACKS = 0x1654AE6BL;
  static final long TRACK_ENTRY = 0xAEL;
  static final long TRACK_NUMBER = 0xD7L;
  static final long TRACK_TYPE = 0x83L;
  static final long CODEC_ID = 0x86L;
  static final long CODEC_PRIVATE = 0x63A2L;
  static final long VIDEO = 0xE0L;
  static final long PIXEL_WIDTH = 0xB0L;
  static final long PIXEL_HEIGHT = 0xBAL;
  static final long TAGS = 0x1254C367L;
  static final long CLUSTER = 0x1F43B675L;
  static final long TIMECODE = 0xE7L;
  static final long SIMPLE_BLOCK = 0xA3L;
  static final long BLOCK_GROUP = 0xA0L;
  static final long BLOCK = 0xA1L;
  static final long REFERENCE_BLOCK = 0xFBL;

  /** A TrackEntry. */
  public record Track(
      long number, long type, String codecId, byte[] codecPrivate, int width, int height) {}

  /** A (Simple)Block: its track, timecode relative to the Cluster, key flag and frame bytes. */
  public record Block(long track, int relativeTimecode, boolean key, ByteBuffer data) {}

  private final byte[] bytes;
  private final int headerEnd;
  private final int clusterStart;
  private final long timecodeScaleNanos;
  private final List<Track> tracks;
  private final long clusterTimecode;
  private final List<Block> blocks;

  private StoredChunk(
      byte[] bytes,
      int headerEnd,
      int clusterStart,
      long timecodeScaleNanos,
      List<Track> tracks,
      long clusterTimecode,
      List<Block> blocks) {
    this.bytes = bytes;
    this.headerEnd = headerEnd;
    this.clusterStart = clusterStart;
    this.timecodeScaleNanos = timecodeScaleNanos;
    this.tracks = tracks;
    this.clusterTimecode = clusterTimecode;
    this.blocks = blocks;
  }

  /**
   * Parses a chunk as the fragment store writes it.
   *
   * @throws IllegalArgumentException when it is not laid out as above
   */
  public static StoredChunk parse(byte[] bytes) {
    EbmlCursor c = new EbmlCursor(bytes, 0, bytes.length);
    expect(c, EBML);
    c.pos = c.dataEnd(c.size());
    expect(c, SEGMENT);
    c.size(); // unknown: the Segment runs to the end of the chunk
    long scale = 1_000_000;
    List<Track> tracks = new ArrayList<>();
    int headerEnd = -1;
    int clusterStart = -1;
    while (c.hasMore()) {
      int at = c.pos;
      long id = c.id();
      long size = c.size();
      if (id == TAGS && headerEnd < 0) {
        headerEnd = at;
      }
      if (id == CLUSTER) {
        if (headerEnd < 0) {
          headerEnd = at;
        }
        clusterStart = at;
        break;
      }
      int end = c.dataEnd(size);
      if (headerEnd < 0 && id == INFO) {
        scale = info(new EbmlCursor(bytes, c.pos, end), scale);
      } else if (headerEnd < 0 && id == TRACKS) {
        tracks(new EbmlCursor(bytes, c.pos, end), tracks);
      }
      c.pos = end;
    }
    if (clusterStart < 0) {
      throw new IllegalArgumentException("chunk of " + bytes.length + " bytes has no Cluster");
    }
    long timecode = 0;
    List<Block> blocks = new ArrayList<>();
    while (c.hasMore()) {
      long id = c.id();
      long size = c.size();
      int end = c.dataEnd(size);
      if (id == TIMECODE) {
        timecode = c.uint(size);
      } else if (id == SIMPLE_BLOCK) {
        blocks.add(block(bytes, c.pos, end, true));
      } else if (id == BLOCK_GROUP) {
        // In a BlockGroup a key frame is a Block without ReferenceBlock.
        EbmlCursor g = new EbmlCursor(bytes, c.pos, end);
        Block inGroup = null;
        boolean referencing = false;
        while (g.hasMore()) {
          long gid = g.id();
          int gend = g.dataEnd(g.size());
          if (gid == BLOCK) {
            inGroup = block(bytes, g.pos, gend, false);
          } else if (gid == REFERENCE_BLOCK) {
            referencing = true;
          }
          g.pos = gend;
        }
        if (inGroup != null) {
          blocks.add(
              new Block(inGroup.track(), inGroup.relativeTimecode(), !referencing, inGroup.data()));
        }
      }
      c.pos = end;
    }
    return new StoredChunk(
        bytes, headerEnd, clusterStart, scale, List.copyOf(tracks), timecode, List.copyOf(blocks));
  }

  private static void expect(EbmlCursor c, long want) {
    int at = c.pos;
    long id = c.id();
    if (id != want) {
      throw new IllegalArgumentException(
          "expected element 0x"
              + Long.toHexString(want)
              + " at "
              + at
              + ", found 0x"
              + Long.toHexString(id));
    }
  }

  private static long info(EbmlCursor c, long scale) {
    while (c.hasMore()) {
      long id = c.id();
      long size = c.size();
      int end = c.dataEnd(size);
      if (id == TIMECODE_SCALE) {
        scale = c.uint(size);
      }
      c.pos = end;
    }
    return scale;
  }

  private static void tracks(EbmlCursor c, List<Track> out) {
    byte[] b = c.bytes();
    while (c.hasMore()) {
      long id = c.id();
      int end = c.dataEnd(c.size());
      if (id == TRACK_ENTRY) {
        long number = 0;
        long type = 0;
        String codec = "";
        byte[] cpd = new byte[0];
        int width = 0;
        int height = 0;
        EbmlCursor t = new EbmlCursor(b, c.pos, end);
        while (t.hasMore()) {
          long tid = t.id();
          long size = t.size();
          int tend = t.dataEnd(size);
          if (tid == TRACK_NUMBER) {
            number = t.uint(size);
          } else if (tid == TRACK_TYPE) {
            type = t.uint(size);
          } else if (tid == CODEC_ID) {
            codec = new String(b, t.pos, (int) size, java.nio.charset.StandardCharsets.US_ASCII);
            codec = codec.replace("\0", "");
          } else if (tid == CODEC_PRIVATE) {
            cpd = java.util.Arrays.copyOfRange(b, t.pos, tend);
          } else if (tid == VIDEO) {
            EbmlCursor v = new EbmlCursor(b, t.pos, tend);
            while (v.hasMore()) {
              long vid = v.id();
              long vsize = v.size();
              int vend = v.dataEnd(vsize);
              if (vid == PIXEL_WIDTH) {
                width = (int) v.uint(vsize);
              } else if (vid == PIXEL_HEIGHT) {
                height = (int) v.uint(vsize);
              }
              v.pos = vend;
            }
          }
          t.pos = tend;
        }
        out.add(new Track(number, type, codec, cpd, width, height));
      }
      c.pos = end;
    }
  }

  /**
   * A Block's body (Matroska §10.1): track number vint, signed 16-bit timecode, flags (0x80 key in
   * a SimpleBlock; lacing 0x06 must be 0), then the frame.
   */
  private static Block block(byte[] b, int from, int end, boolean simple) {
    EbmlCursor c = new EbmlCursor(b, from, end);
    long track = c.size();
    if (end - c.pos < 3) {
      throw new IllegalArgumentException(
          "block at " + from + " has " + (end - c.pos) + " bytes after its track number, need 3");
    }
    int timecode = (short) (((b[c.pos] & 0xFF) << 8) | (b[c.pos + 1] & 0xFF));
    int flags = b[c.pos + 2] & 0xFF;
    if ((flags & 0x06) != 0) {
      throw new IllegalArgumentException("laced block at " + from + ", flags 0x" + flags);
    }
    int data = c.pos + 3;
    boolean key = simple ? (flags & 0x80) != 0 : false;
    return new Block(track, timecode, key, ByteBuffer.wrap(b, data, end - data).slice());
  }

  /** The chunk as stored. */
  public byte[] bytes() {
    return bytes;
  }

  /** Where the session header ends: the offset of the first Tags or of the Cluster. */
  public int headerEnd() {
    return headerEnd;
  }

  /** The offset of the Cluster element. */
  public int clusterStart() {
    return clusterStart;
  }

  public long timecodeScaleNanos() {
    return timecodeScaleNanos;
  }

  public List<Track> tracks() {
    return tracks;
  }

  /** The first video track (TrackType 1). */
  public Optional<Track> videoTrack() {
    return tracks.stream().filter(t -> t.type() == 1).findFirst();
  }

  /** The Cluster Timecode, in TimecodeScale ticks. */
  public long clusterTimecode() {
    return clusterTimecode;
  }

  /** The Cluster's blocks in stored order. */
  public List<Block> blocks() {
    return blocks;
  }
}
