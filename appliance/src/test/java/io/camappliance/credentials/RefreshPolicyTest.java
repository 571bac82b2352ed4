package io.camappliance.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RefreshPolicyTest {
  private static final Instant T0 = Instant.parse("2026-03-22T17:00:00Z");
  private final RefreshPolicy policy = RefreshPolicy.defaults();

  private static SessionCredentials expiringIn(Duration d) {
    return new SessionCredentials("ASIAX", "secret", "token", T0.plus(d));
  }

  @Test
  void theMarginIsTheCProducerGraceOrTenPercentWhicheverIsLarger() {
    assertThat(policy.margin(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(38));
    assertThat(policy.margin(Duration.ofSeconds(380))).isEqualTo(Duration.ofSeconds(38));
    assertThat(policy.margin(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(6));
    assertThat(policy.margin(Duration.ofHours(12))).isEqualTo(Duration.ofMinutes(72));
  }

  @Test
  void refreshesAtExpiryMinusMarginMinusJitter() {
    assertThat(policy.refreshAt(expiringIn(Duration.ofHours(1)), T0, new FixedRandom(0)))
        .isEqualTo(T0.plus(Duration.ofMinutes(54)));
    assertThat(policy.refreshAt(expiringIn(Duration.ofHours(1)), T0, new FixedRandom(0.5)))
        .isEqualTo(T0.plus(Duration.ofMinutes(54)).minusMillis(1500));
    assertThat(policy.refreshAt(expiringIn(Duration.ofSeconds(60)), T0, new FixedRandom(1.0)))
        .isEqualTo(T0.plusSeconds(60 - 38 - 3));
  }

  @Test
  void aLifetimeShorterThanTheMarginRefreshesAtOnceNotInThePast() {
    assertThat(policy.refreshAt(expiringIn(Duration.ofSeconds(20)), T0, new FixedRandom(0)))
        .isEqualTo(T0);
  }
}
