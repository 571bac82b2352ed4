package io.camappliance.emulator.putmedia;

import io.camappliance.emulator.media.PendingFragment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * Collects a PutMedia body's bytes into the parts of the stored chunk (kvs-data-model §9): the
 * session header (EBML header to Tracks), the Tags before the next Cluster, and the Cluster being
 * received, which goes straight to its {@link PendingFragment}. Element bytes are written to it as
 * a channel; each part has a limit.
 *
 * <pre>
 * chunk := header (Segment size rewritten unknown) | Tags* | Cluster (size rewritten unknown)
 * </pre>
 */
final class ChunkParts implements WritableByteChannel {
  static final byte[] SEGMENT_UNKNOWN_SIZE = {
    0x18, 0x53, (byte) 0x80, 0x67, 0x01, -1, -1, -1, -1, -1, -1, -1
  };
  static final byte[] CLUSTER_UNKNOWN_SIZE = {
    0x1F, 0x43, (byte) 0xB6, 0x75, 0x01, -1, -1, -1, -1, -1, -1, -1
  };
  private static final int MAX_HEADER_BYTES = 2 * 1024 * 1024;
  private static final int MAX_TAG_BYTES = 1024 * 1024;

  /** The Cluster grew past the fragment size limit. */
  static final class FragmentTooLarge extends IOException {
    FragmentTooLarge(long size, long max) {
      super("fragment of " + size + " bytes, at most " + max);
    }
  }

  /** The Tags before one Cluster grew past {@value #MAX_TAG_BYTES} bytes. */
  static final class TagsTooLarge extends IOException {
    TagsTooLarge(long size) {
      super("Tags of " + size + " bytes before one Cluster, at most " + MAX_TAG_BYTES);
    }
  }

  /** The session header grew past {@value #MAX_HEADER_BYTES} bytes. */
  static final class HeaderTooLarge extends IOException {
    HeaderTooLarge(long size) {
      super("MKV header of " + size + " bytes, at most " + MAX_HEADER_BYTES);
    }
  }

  private final long maxFragmentBytes;
  private final ByteArrayOutputStream header = new ByteArrayOutputStream();
  private final ByteArrayOutputStream tags = new ByteArrayOutputStream();
  private PendingFragment fragment;
  private boolean headerDone;
  private boolean inTags;

  ChunkParts(long maxFragmentBytes) {
    this.maxFragmentBytes = maxFragmentBytes;
  }

  /** A Tags element starts: the header is complete, bytes go to the Tags part. */
  void startTags() {
    headerDone = true;
    inTags = true;
  }

  void endTags() {
    inTags = false;
  }

  /** A Cluster starts: its chunk begins with the header and the Tags collected since the last. */
  void startFragment(PendingFragment f) throws IOException {
    headerDone = true;
    inTags = false;
    fragment = f;
    f.write(ByteBuffer.wrap(header.toByteArray()));
    f.write(ByteBuffer.wrap(tags.toByteArray()));
    tags.reset();
    f.write(ByteBuffer.wrap(CLUSTER_UNKNOWN_SIZE));
  }

  void endFragment() {
    fragment = null;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    int n = src.remaining();
    if (fragment != null) {
      fragment.write(src);
      src.position(src.limit());
      if (fragment.size() > maxFragmentBytes) {
        throw new FragmentTooLarge(fragment.size(), maxFragmentBytes);
      }
    } else if (inTags) {
      if (tags.size() + n > MAX_TAG_BYTES) {
        throw new TagsTooLarge(tags.size() + n);
      }
      copy(src, tags);
    } else if (!headerDone) {
      if (header.size() + n > MAX_HEADER_BYTES) {
        throw new HeaderTooLarge(header.size() + n);
      }
      copy(src, header);
    } else {
      src.position(src.limit()); // top-level elements between fragments (Cues, Void) are dropped
    }
    return n;
  }

  private static void copy(ByteBuffer src, ByteArrayOutputStream out) {
    while (src.hasRemaining()) {
      out.write(src.get());
    }
  }

  @Override
  public boolean isOpen() {
    return true;
  }

  @Override
  public void close() {}
}
