package io.camappliance.store;

/**
 * A snapshot of a {@link ContentStore}'s state and counters, for the status page and metrics.
 * Counters ("total") only grow; the others describe the moment of the snapshot.
 *
 * @param frames frames buffered (head − tail)
 * @param fragments fragments buffered
 * @param unsentFrames frames not sent yet (head − current)
 * @param bytesStored bytes of the buffered frames
 * @param arenaBytesUsed arena bytes between tail and head, including bytes skipped at the arena's
 *     end
 * @param arenaCapacity arena size
 * @param bufferedDurationMillis overall view duration (head − tail)
 * @param unsentDurationMillis current view duration (head − current): latency pressure
 * @param framesAppended total frames stored
 * @param framesRead total frames handed to the reader (a rewind makes some count twice)
 * @param framesEvicted total frames evicted under buffer pressure
 * @param framesEvictedUnsent total frames evicted before they were ever sent
 * @param fragmentsEvicted total fragments evicted under buffer pressure
 * @param fragmentsEvictedUnsent total evicted fragments of which at least one frame was unsent
 * @param framesTrimmed total frames dropped because their fragment was acknowledged
 * @param fragmentsTrimmed total fragments dropped because they were acknowledged
 * @param framesDropped total frames never stored: a frame too large for the arena, frames of a
 *     fragment that alone filled the store, frames with no open fragment, frames after close
 * @param oversizeFramesRejected total frames larger than the whole arena (part of framesDropped)
 * @param acksIgnored total RECEIVED/PERSISTED acknowledgements for timecodes not buffered
 * @param arenaBytesSkipped total bytes left unused at the arena's end because a frame did not fit
 * @param rewinds total rewinds that moved the current cursor back
 * @param listenerFailures total exceptions thrown by the eviction listener
 */
public record StoreStats(
    long frames,
    long fragments,
    long unsentFrames,
    long bytesStored,
    long arenaBytesUsed,
    long arenaCapacity,
    long bufferedDurationMillis,
    long unsentDurationMillis,
    long framesAppended,
    long framesRead,
    long framesEvicted,
    long framesEvictedUnsent,
    long fragmentsEvicted,
    long fragmentsEvictedUnsent,
    long framesTrimmed,
    long fragmentsTrimmed,
    long framesDropped,
    long oversizeFramesRejected,
    long acksIgnored,
    long arenaBytesSkipped,
    long rewinds,
    long listenerFailures) {}
