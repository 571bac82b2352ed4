package io.camappliance.credentials;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camappliance.credentials.CredentialsException.Kind;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClockCheckTest {
  private static final Instant BUILD = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private final ClockCheck check = new ClockCheck(BUILD);

  @Test
  void refusesAClockBeforeTheBuildDate() {
    assertThatThrownBy(() -> check.verify(Instant.parse("1970-01-01T00:00:10Z"), Optional.empty()))
        .isInstanceOfSatisfying(
            CredentialsException.class,
            e -> org.assertj.core.api.Assertions.assertThat(e.kind()).isEqualTo(Kind.CLOCK))
        .hasMessageContaining("1970-01-01T00:00:10Z")
        .hasMessageContaining("before this firmware was built (2026-01-01T00:00:00Z)")
        .hasMessageContaining("NTP");
  }

  @Test
  void refusesMoreThanFiveMinutesOfSkewFromTheTrustedDateEitherWay() {
    assertThatThrownBy(() -> check.verify(NOW, Optional.of(NOW.plusSeconds(301))))
        .hasMessageContaining("behind by 301 s, more than 300 s");
    assertThatThrownBy(() -> check.verify(NOW, Optional.of(NOW.minusSeconds(400))))
        .hasMessageContaining("ahead by 400 s");
  }

  @Test
  void acceptsSmallSkewAndAMissingTrustedDate() {
    assertThatCode(() -> check.verify(NOW, Optional.of(NOW.plusSeconds(300))))
        .doesNotThrowAnyException();
    assertThatCode(() -> check.verify(NOW, Optional.empty())).doesNotThrowAnyException();
  }
}
