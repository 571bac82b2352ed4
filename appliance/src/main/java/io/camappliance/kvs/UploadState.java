package io.camappliance.kvs;

/** Where the uploader is, for the status page and the log. */
public enum UploadState {
  /** Not started yet, or describing/creating the stream. */
  STARTING,
  /** Waiting for valid credentials (or for a trustworthy clock). */
  WAITING_FOR_CREDENTIALS,
  /** Opening a PutMedia connection. */
  CONNECTING,
  /** Sending the live stream. */
  STREAMING,
  /** Sending fragments from the backlog that an outage left on disk. */
  BACKFILLING,
  /** Waiting after a failure before trying again. */
  BACKING_OFF,
  /** Nothing can be sent until a person fixes something; the status message says what. */
  STOPPED,
  /** Closed. */
  CLOSED
}
