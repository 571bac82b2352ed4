package io.camappliance.store;

/**
 * A snapshot of a {@link Backlog}. Totals only grow.
 *
 * @param fragments fragments waiting now
 * @param frames frames waiting now
 * @param bytes bytes waiting now (fragments and their headers on disk)
 * @param oldestTimecodeMillis the oldest waiting fragment's timecode, or -1 when none waits
 * @param durationMillis the media duration waiting now
 * @param fragmentsAdded total fragments taken from the store
 * @param fragmentsRemoved total fragments removed after an acknowledgement
 * @param fragmentsDropped total fragments that could not be kept (disk full, size limit), lost
 * @param framesDropped total frames of the fragments dropped
 */
public record BacklogStats(
    long fragments,
    long frames,
    long bytes,
    long oldestTimecodeMillis,
    long durationMillis,
    long fragmentsAdded,
    long fragmentsRemoved,
    long fragmentsDropped,
    long framesDropped) {}
