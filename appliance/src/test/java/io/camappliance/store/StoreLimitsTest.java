package io.camappliance.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StoreLimitsTest {

  @ParameterizedTest
  @CsvSource({
    "0, 1000, 10, maxBytes 0 is outside",
    "-5, 1000, 10, maxBytes -5 is outside",
    "2147483640, 1000, 10, maxBytes 2147483640 is outside",
    "1000, 0, 10, maxDurationMillis 0 is not positive",
    "1000, 1000, 0, maxFrames 0 is outside",
    "1000, 1000, -1, maxFrames -1 is outside",
  })
  void rejectsALimitOutOfRangeNamingTheFieldAndItsValue(
      long bytes, long millis, int frames, String message) {
    assertThatThrownBy(() -> new StoreLimits(bytes, millis, frames))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @ParameterizedTest
  @CsvSource({"1, 1, 1", "2147483639, 180000, 5400"})
  void acceptsTheExtremesOfEachRange(long bytes, long millis, int frames) {
    assertThat(new StoreLimits(bytes, millis, frames).maxBytes()).isEqualTo(bytes);
  }
}
