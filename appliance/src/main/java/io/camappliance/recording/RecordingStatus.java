package io.camappliance.recording;

/**
 * A snapshot of the recorder for the status page and metrics.
 *
 * @param message what is wrong and how to fix it (names the directory), empty while recording
 * @param droppedHandoffFull frames dropped because the writer fell behind (until the next fragment)
 * @param droppedDenied frames dropped at the size cap under DENY_NEW_MEDIA
 * @param droppedWriteError frames dropped while the directory was full or unwritable
 * @param segments segment files on disk
 * @param bytes bytes of all segment and index files on disk
 */
public record RecordingStatus(
    RecordingState state,
    String message,
    long framesWritten,
    long fragmentsWritten,
    long droppedHandoffFull,
    long droppedDenied,
    long droppedWriteError,
    long segments,
    long bytes) {

  public long framesDropped() {
    return droppedHandoffFull + droppedDenied + droppedWriteError;
  }
}
