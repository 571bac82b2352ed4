package io.camappliance.media;

import java.nio.ByteBuffer;

/**
 * The bytes that open a packaged stream (for MKV: the EBML header, the Segment of unknown size,
 * Info and Tracks) for one {@link VideoFormat}. Every connection to KVS and every recording file
 * starts with the current header, followed by whole fragments.
 *
 * @param id increases by one each time the format changes, so consumers can tell headers apart
 *     cheaply
 */
public record StreamHeader(long id, VideoFormat format, byte[] bytes) {

  /** A read-only view of the header bytes. */
  public ByteBuffer buffer() {
    return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
  }
}
