package io.camappliance.kvs;

import java.util.Map;

/**
 * The ERROR ack ids of kvs-putmedia.md §6, classified once (§8.4, §8.5). 4012 is the guide's {@code
 * INVALID_FRAGMENT_METADATA}; the producer SDK reads it as too many tracks, which is also fatal for
 * the fragment only, so the class is the same either way (C-P1).
 */
public final class AckErrors {
  private static final String FIX_MUXER =
      " The fragment was skipped; the camera's encoder or MKV packaging needs fixing.";
  private static final String FIX_KMS =
      " Streaming stopped: fix the stream's KMS key (key policy, state, grants) and restart the"
          + " stream.";

  private static final Map<Integer, AckError> TABLE =
      Map.ofEntries(
          retry(4000, "STREAM_READ_ERROR", "The service could not read the stream data."),
          skip(4001, "MAX_FRAGMENT_SIZE_REACHED", "A fragment was larger than 50 MB."),
          skip(
              4002,
              "MAX_FRAGMENT_DURATION_REACHED",
              "A fragment was longer than 20 s: key frames are too far apart."),
          entry(
              4003,
              "MAX_CONNECTION_DURATION_REACHED",
              ErrorClass.RECONNECT,
              "The PutMedia connection reached its 45-minute limit."),
          skip(
              4004,
              "FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS",
              "A fragment's timecode was not after the previous one's."),
          skip(4005, "MORE_THAN_ALLOWED_TRACKS_FOUND", "The MKV stream had too many tracks."),
          skip(4006, "INVALID_MKV_DATA", "The service could not parse the MKV data."),
          skip(
              4007,
              "INVALID_PRODUCER_TIMESTAMP",
              "The producer timestamp was invalid: check the camera's clock (NTP)."),
          stopped(
              4008,
              "STREAM_NOT_ACTIVE",
              "The stream no longer exists (deleted). Streaming stopped: create the stream again"
                  + " or configure another stream name."),
          skip(
              4009, "FRAGMENT_METADATA_LIMIT_REACHED", "A fragment had too many or too long tags."),
          skip(4010, "TRACK_NUMBER_MISMATCH", "A frame named a track the MKV header lacks."),
          skip(4011, "FRAMES_MISSING_FOR_TRACK", "A fragment had no frame for a declared track."),
          skip(
              4012,
              "INVALID_FRAGMENT_METADATA",
              "A fragment tag name started with AWS_ (or too many tracks)."),
          kms(4500, "KMS_KEY_ACCESS_DENIED", "The KMS key of the stream denies access to it."),
          kms(4501, "KMS_KEY_DISABLED", "The KMS key of the stream is disabled."),
          kms(4502, "KMS_KEY_VALIDATION_ERROR", "The KMS key of the stream failed validation."),
          kms(4503, "KMS_KEY_UNAVAILABLE", "The KMS key of the stream is unavailable."),
          kms(4504, "KMS_KEY_INVALID_USAGE", "The KMS key of the stream cannot be used for it."),
          kms(4505, "KMS_KEY_INVALID_STATE", "The KMS key of the stream is in an invalid state."),
          kms(4506, "KMS_KEY_NOT_FOUND", "The KMS key of the stream does not exist."),
          stopped(
              4507,
              "STREAM_DELETED",
              "The stream is being deleted. Streaming stopped: create the stream again or"
                  + " configure another stream name."),
          retry(5000, "INTERNAL_ERROR", "The service had an internal error."),
          retry(5001, "ARCHIVAL_ERROR", "The service could not store the fragment."));

  private AckErrors() {}

  /**
   * The classification of {@code errorId}; an id not in the table is retried, as the producer SDK
   * does ({@code UNKNOWN_ACK_ERROR}).
   */
  public static AckError of(int errorId) {
    AckError known = TABLE.get(errorId);
    if (known != null) {
      return known;
    }
    return new AckError(
        errorId,
        "UNKNOWN_ACK_ERROR",
        ErrorClass.RETRY,
        "The service answered with unknown error id " + errorId + "; the fragment is resent.");
  }

  private static Map.Entry<Integer, AckError> entry(
      int id, String code, ErrorClass c, String message) {
    return Map.entry(id, new AckError(id, code, c, message));
  }

  private static Map.Entry<Integer, AckError> retry(int id, String code, String message) {
    return entry(id, code, ErrorClass.RETRY, message + " The fragment is resent.");
  }

  private static Map.Entry<Integer, AckError> skip(int id, String code, String message) {
    return entry(id, code, ErrorClass.SKIP_FRAGMENT, message + FIX_MUXER);
  }

  private static Map.Entry<Integer, AckError> kms(int id, String code, String message) {
    return entry(id, code, ErrorClass.STREAM_STOPPED, message + FIX_KMS);
  }

  private static Map.Entry<Integer, AckError> stopped(int id, String code, String message) {
    return entry(id, code, ErrorClass.STREAM_STOPPED, message);
  }
}
