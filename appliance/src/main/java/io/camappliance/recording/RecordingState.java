package io.camappliance.recording;

/** What the recorder is doing right now. */
public enum RecordingState {
  /** Frames are written. */
  RECORDING,
  /** At the size cap with DENY_NEW_MEDIA: new frames are dropped until space frees. */
  DENIED_FULL,
  /** The file system has no space left; frames are dropped and writing is retried. */
  DISK_FULL,
  /** The directory cannot be created or written; frames are dropped and writing is retried. */
  UNWRITABLE,
  /** Closed. */
  STOPPED
}
