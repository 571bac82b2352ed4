package io.camappliance.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecordingSettingsTest {
  private static final RecordingSettings BASE = RecordingSettings.defaults(Path.of("rec"));

  @Test
  void defaultsFollowTheEdgeAgent() {
    assertThat(BASE.segmentDuration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(BASE.edgeRetentionInHours()).isEqualTo(720);
    assertThat(BASE.maxLocalMediaSizeBytes()).isEqualTo(4096L << 20);
    assertThat(BASE.strategyOnFullSize()).isEqualTo(StrategyOnFullSize.DELETE_OLDEST_MEDIA);
    assertThat(BASE.fsyncPerFragment()).isTrue();
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(
            (UnaryOperator<RecordingSettings>) s -> s.withSegmentDuration(Duration.ofSeconds(9)),
            "segmentDuration PT9S"),
        Arguments.of(
            (UnaryOperator<RecordingSettings>) s -> s.withSegmentDuration(Duration.ofMinutes(61)),
            "segmentDuration PT1H1M"),
        Arguments.of(
            (UnaryOperator<RecordingSettings>) s -> s.withEdgeRetentionInHours(0),
            "EdgeRetentionInHours 0"),
        Arguments.of(
            (UnaryOperator<RecordingSettings>) s -> s.withEdgeRetentionInHours(721),
            "EdgeRetentionInHours 721"),
        Arguments.of(
            (UnaryOperator<RecordingSettings>) s -> s.withMaxLocalMediaSizeInMB(63),
            "MaxLocalMediaSizeInMB 63"),
        Arguments.of(
            (UnaryOperator<RecordingSettings>) s -> s.withMaxLocalMediaSizeInMB(2_000_001),
            "MaxLocalMediaSizeInMB 2000001"),
        Arguments.of(
            (UnaryOperator<RecordingSettings>) s -> s.withMaxLocalMediaSizeBytes(0),
            "maxLocalMediaSizeBytes 0"),
        Arguments.of(
            (UnaryOperator<RecordingSettings>) s -> s.withHandoff(1000, 10), "handoffBytes 1000"),
        Arguments.of(
            (UnaryOperator<RecordingSettings>) s -> s.withRetryInterval(Duration.ofSeconds(-1)),
            "retryInterval PT-1S"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalid")
  void rejectsOutOfRangeValuesNamingTheField(UnaryOperator<RecordingSettings> change, String msg) {
    assertThatThrownBy(() -> change.apply(BASE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RecordingSettings." + msg);
  }

  @Test
  void acceptsTheRangeLimits() {
    assertThat(BASE.withSegmentDuration(Duration.ofSeconds(10)).segmentDuration()).hasSeconds(10);
    assertThat(BASE.withSegmentDuration(Duration.ofHours(1)).segmentDuration()).hasHours(1);
    assertThat(BASE.withMaxLocalMediaSizeInMB(64).maxLocalMediaSizeBytes()).isEqualTo(64L << 20);
    assertThat(BASE.withMaxLocalMediaSizeInMB(2_000_000).maxLocalMediaSizeBytes())
        .isEqualTo(2_000_000L << 20);
    assertThat(BASE.withMaxLocalMediaSizeBytes(10_000).maxLocalMediaSizeBytes()).isEqualTo(10_000);
  }
}
