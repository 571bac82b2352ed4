package io.camappliance.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

  @Test
  void doublesTheCeilingPerFailureUpToTheMaximum() {
    assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(16));
    assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.ceiling(1000)).as("no overflow").isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void jitterStaysBetweenHalfAndAllOfTheCeiling() {
    assertThat(backoff.delay(3, new FixedRandom(0.0))).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.delay(3, new FixedRandom(1.0))).isEqualTo(Duration.ofSeconds(4));
    Random r = new Random(42);
    for (int i = 0; i < 1000; i++) {
      assertThat(backoff.delay(4, r)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
    }
  }

  @Test
  void refusesAMaximumBelowTheInitialWait() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("PT2S");
    assertThatThrownBy(() -> backoff.ceiling(0)).hasMessageContaining("failures 0");
  }
}
