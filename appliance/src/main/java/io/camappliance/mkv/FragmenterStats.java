package io.camappliance.mkv;

/**
 * Counters of the fragmenter, for the status page and the demo's statistics.
 *
 * @param fragments fragments started
 * @param frames frames packaged
 * @param bytes bytes handed to the sinks (headers, tags, clusters, blocks)
 * @param headers stream headers written (1 + format changes)
 * @param framesDroppedWaitingForIdr frames dropped because no fragment was open and they were not
 *     IDR frames (start-up, after a format change, or after a fragment was closed without an IDR)
 * @param framesDroppedEmpty frames dropped because they held no NAL unit
 * @param fragmentsClosedWithoutIdr fragments closed because no IDR came within the maximum duration
 *     plus grace
 * @param keyframeRequests times the source was asked for an IDR
 * @param timestampsAdjusted frames whose millisecond timecode had to be moved forward to stay
 *     strictly increasing
 * @param lastFragmentMillis duration of the last completed fragment
 */
public record FragmenterStats(
    long fragments,
    long frames,
    long bytes,
    long headers,
    long framesDroppedWaitingForIdr,
    long framesDroppedEmpty,
    long fragmentsClosedWithoutIdr,
    long keyframeRequests,
    long timestampsAdjusted,
    long lastFragmentMillis) {}
