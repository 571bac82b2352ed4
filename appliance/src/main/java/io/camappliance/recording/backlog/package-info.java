/**
 * Store-and-forward on disk: {@link io.camappliance.recording.backlog.DiskBacklog} keeps the
 * fragments the content store evicts before the service acknowledged them, for a later upload.
 *
 * <p>On disk, one directory holds one file per waiting fragment and one per distinct stream header:
 *
 * <pre>
 * fragment-1700000000000.frag   64-byte CRC-checked preamble (timecode, duration, frames, first
 *                               sequence, header key, length, CRC of the bytes), then the
 *                               fragment: [Tags] Cluster(size unknown) Timecode Position
 *                               SimpleBlock...
 * header-0123456789abcdef.hdr   EBML header, Segment (unknown size), Info, Tracks; the name is
 *                               the first 64 bits of the SHA-256 of the bytes
 * *.tmp                         being written; deleted at start
 * </pre>
 */
package io.camappliance.recording.backlog;
