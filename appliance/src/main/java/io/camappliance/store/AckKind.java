package io.camappliance.store;

/**
 * The fragment acknowledgements of a PutMedia response that concern the store (KVS PutMedia
 * reference, "ACK stream format"; ERROR and IDLE are the uploader's business).
 */
public enum AckKind {
  /** The service received the fragment's first byte. Changes nothing in the store. */
  BUFFERING,
  /** The service received the whole fragment; a rewind no longer resends it. */
  RECEIVED,
  /** The service stored the fragment durably (only sent when the stream's retention is above 0). */
  PERSISTED
}
