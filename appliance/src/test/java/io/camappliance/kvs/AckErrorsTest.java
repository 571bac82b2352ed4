package io.camappliance.kvs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AckErrorsTest {

  @ParameterizedTest
  @CsvSource({
    "4000, STREAM_READ_ERROR, RETRY",
    "4001, MAX_FRAGMENT_SIZE_REACHED, SKIP_FRAGMENT",
    "4002, MAX_FRAGMENT_DURATION_REACHED, SKIP_FRAGMENT",
    "4003, MAX_CONNECTION_DURATION_REACHED, RECONNECT",
    "4004, FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS, SKIP_FRAGMENT",
    "4005, MORE_THAN_ALLOWED_TRACKS_FOUND, SKIP_FRAGMENT",
    "4006, INVALID_MKV_DATA, SKIP_FRAGMENT",
    "4007, INVALID_PRODUCER_TIMESTAMP, SKIP_FRAGMENT",
    "4008, STREAM_NOT_ACTIVE, STREAM_STOPPED",
    "4009, FRAGMENT_METADATA_LIMIT_REACHED, SKIP_FRAGMENT",
    "4010, TRACK_NUMBER_MISMATCH, SKIP_FRAGMENT",
    "4011, FRAMES_MISSING_FOR_TRACK, SKIP_FRAGMENT",
    "4012, INVALID_FRAGMENT_METADATA, SKIP_FRAGMENT",
    "4500, KMS_KEY_ACCESS_DENIED, STREAM_STOPPED",
    "4501, KMS_KEY_DISABLED, STREAM_STOPPED",
    "4502, KMS_KEY_VALIDATION_ERROR, STREAM_STOPPED",
    "4503, KMS_KEY_UNAVAILABLE, STREAM_STOPPED",
    "4504, KMS_KEY_INVALID_USAGE, STREAM_STOPPED",
    "4505, KMS_KEY_INVALID_STATE, STREAM_STOPPED",
    "4506, KMS_KEY_NOT_FOUND, STREAM_STOPPED",
    "4507, STREAM_DELETED, STREAM_STOPPED",
    "5000, INTERNAL_ERROR, RETRY",
    "5001, ARCHIVAL_ERROR, RETRY",
    "7000, UNKNOWN_ACK_ERROR, RETRY",
    "0, UNKNOWN_ACK_ERROR, RETRY",
  })
  void classifiesEachErrorIdOnce(int id, String code, ErrorClass expected) {
    AckError e = AckErrors.of(id);
    assertThat(e.errorId()).isEqualTo(id);
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.errorClass()).isEqualTo(expected);
    assertThat(e.message()).isNotBlank();
  }

  @ParameterizedTest
  @CsvSource({"4500", "4501", "4502", "4503", "4504", "4505", "4506"})
  void tellsTheUserToFixTheKmsKey(int id) {
    assertThat(AckErrors.of(id).message()).contains("KMS key").contains("fix the stream's KMS key");
  }

  @ParameterizedTest
  @CsvSource({"4008", "4507"})
  void tellsTheUserTheStreamIsGone(int id) {
    assertThat(AckErrors.of(id).message()).contains("Streaming stopped").contains("create");
  }
}
