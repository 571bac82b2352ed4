package io.camappliance.store;

/**
 * One fragment waiting in a {@link Backlog}.
 *
 * @param fragmentTimecodeMillis the fragment's absolute (epoch ms) Cluster timecode, its identity
 * @param durationMillis the sum of its frames' durations
 * @param frames how many frames it holds
 * @param firstSequence the source sequence number of its first frame
 * @param bytes the size of the fragment's bytes (without the header)
 * @param headerKey equal for fragments that share one stream header
 */
public record BacklogEntry(
    long fragmentTimecodeMillis,
    long durationMillis,
    int frames,
    long firstSequence,
    long bytes,
    long headerKey) {}
