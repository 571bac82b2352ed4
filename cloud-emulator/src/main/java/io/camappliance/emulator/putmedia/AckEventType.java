package io.camappliance.emulator.putmedia;

/** The {@code EventType} values of PutMedia ACKs, as the wire spells them (kvs-putmedia.md §5). */
public enum AckEventType {
  BUFFERING,
  RECEIVED,
  PERSISTED,
  ERROR,
  IDLE
}
