package io.camappliance.emulator.putmedia;

import java.util.Optional;

/**
 * ERROR ACK ids and codes (kvs-putmedia.md §6). 4012 is used for reserved metadata names (guide),
 * 4005 for more than the allowed tracks (C-P1).
 */
public enum AckError {
  STREAM_READ_ERROR(4000),
  MAX_FRAGMENT_SIZE_REACHED(4001),
  MAX_FRAGMENT_DURATION_REACHED(4002),
  MAX_CONNECTION_DURATION_REACHED(4003),
  FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS(4004),
  MORE_THAN_ALLOWED_TRACKS_FOUND(4005),
  INVALID_MKV_DATA(4006),
  INVALID_PRODUCER_TIMESTAMP(4007),
  STREAM_NOT_ACTIVE(4008),
  FRAGMENT_METADATA_LIMIT_REACHED(4009),
  TRACK_NUMBER_MISMATCH(4010),
  FRAMES_MISSING_FOR_TRACK(4011),
  INVALID_FRAGMENT_METADATA(4012),
  KMS_KEY_ACCESS_DENIED(4500),
  KMS_KEY_DISABLED(4501),
  KMS_KEY_VALIDATION_ERROR(4502),
  KMS_KEY_UNAVAILABLE(4503),
  KMS_KEY_INVALID_USAGE(4504),
  KMS_KEY_INVALID_STATE(4505),
  KMS_KEY_NOT_FOUND(4506),
  STREAM_DELETED(4507),
  INTERNAL_ERROR(5000),
  ARCHIVAL_ERROR(5001);

  private final int id;

  AckError(int id) {
    this.id = id;
  }

  public int id() {
    return id;
  }

  /** The {@code ErrorCode} string. */
  public String code() {
    return name();
  }

  public static Optional<AckError> byId(int id) {
    for (AckError e : values()) {
      if (e.id == id) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
