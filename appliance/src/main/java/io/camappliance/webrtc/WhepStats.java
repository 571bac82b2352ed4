package io.camappliance.webrtc;

/**
 * Counters of {@link WhepSessions}, for the status page.
 *
 * @param viewers sessions now (offered, connecting or sending)
 * @param sending sessions whose media is flowing
 * @param maxViewers the limit
 * @param created sessions created since start
 * @param ended sessions ended since start (deleted, timed out, failed or closed by the viewer)
 * @param refusedAtLimit offers refused because every slot was taken
 * @param framesSent frames sent to viewers, summed
 * @param framesSkipped frames viewers skipped to catch up at the next IDR, summed
 * @param skips times a viewer fell behind and skipped to the next IDR
 * @param packetsResent packets sent again on a NACK
 * @param keyframeRequests IDR requests passed to the encoder
 * @param keyframeRequestsMerged IDR requests merged into one already made
 */
public record WhepStats(
    int viewers,
    int sending,
    int maxViewers,
    long created,
    long ended,
    long refusedAtLimit,
    long framesSent,
    long framesSkipped,
    long skips,
    long packetsResent,
    long keyframeRequests,
    long keyframeRequestsMerged) {}
