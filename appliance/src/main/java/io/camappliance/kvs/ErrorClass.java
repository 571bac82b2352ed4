package io.camappliance.kvs;

/**
 * What a PutMedia failure means for the producer (kvs-putmedia.md §8.4, §8.5). Every ERROR ack,
 * HTTP error and connection failure is classified once into one of these; the uploader decides
 * retries on the class alone.
 */
public enum ErrorClass {
  /**
   * The service lost or could not read the fragment (4000, 5000, 5001, unknown ids): open a new
   * connection and resend from the first fragment not yet acknowledged, this one included.
   */
  RETRY,
  /**
   * The connection ended for a reason unrelated to the data (4003 connection age, network loss,
   * HTTP 5xx, a wrong endpoint): reconnect, refreshing the data endpoint, and resume from the first
   * fragment not yet acknowledged.
   */
  RECONNECT,
  /** The service refused the call for its rate or connection limits: back off, then reconnect. */
  THROTTLED,
  /**
   * The credentials were refused (401/403, bad signature, expired token, clock skew): refresh them
   * and reconnect; a refusal with fresh credentials stops the stream until the user fixes them.
   */
  AUTH,
  /**
   * The fragment itself is bad (4001, 4002, 4004–4007, 4009–4012): skip it and continue with the
   * next fragment on a new connection; the muxer or encoder needs fixing.
   */
  SKIP_FRAGMENT,
  /**
   * Nothing can be sent until the user changes something (stream deleted, KMS key unusable, invalid
   * arguments): stop and show the status message.
   */
  STREAM_STOPPED
}
