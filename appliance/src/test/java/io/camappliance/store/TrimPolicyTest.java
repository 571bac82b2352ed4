package io.camappliance.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrimPolicyTest {

  @ParameterizedTest
  @CsvSource({
    "ON_RECEIVED, BUFFERING, false",
    "ON_RECEIVED, RECEIVED, true",
    "ON_RECEIVED, PERSISTED, true",
    "ON_PERSISTED, BUFFERING, false",
    "ON_PERSISTED, RECEIVED, false",
    "ON_PERSISTED, PERSISTED, true",
  })
  void trimsOnlyOnTheAcknowledgementsThatProveTheFragmentIsSafe(
      TrimPolicy policy, AckKind kind, boolean trims) {
    assertThat(policy.trimsOn(kind)).isEqualTo(trims);
  }

  @Test
  void aStreamWithoutRetentionTrimsOnReceivedAndOneWithRetentionOnPersisted() {
    assertThat(TrimPolicy.forRetentionHours(0)).isEqualTo(TrimPolicy.ON_RECEIVED);
    assertThat(TrimPolicy.forRetentionHours(1)).isEqualTo(TrimPolicy.ON_PERSISTED);
    assertThatThrownBy(() -> TrimPolicy.forRetentionHours(-1))
        .hasMessage("retentionHours -1 is negative");
  }
}
