package io.camappliance.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camappliance.web.BearerToken.Verdict;
import org.junit.jupiter.api.Test;

class BearerTokenTest {
  private final BearerToken token = new BearerToken("s3cret");

  @Test
  void acceptsTheTokenInTheHeaderWithAnyCaseOfTheScheme() {
    assertThat(token.check("Bearer s3cret", null)).isEqualTo(Verdict.ACCEPTED);
    assertThat(token.check("BEARER s3cret ", null)).isEqualTo(Verdict.ACCEPTED);
  }

  @Test
  void acceptsTheTokenFromTheQueryWhenThereIsNoHeader() {
    assertThat(token.check(null, "s3cret")).isEqualTo(Verdict.ACCEPTED);
  }

  @Test
  void judgesTheHeaderAloneWhenBothAreGiven() {
    assertThat(token.check("Bearer wrong", "s3cret")).isEqualTo(Verdict.WRONG);
  }

  @Test
  void tellsAMissingTokenFromAWrongOne() {
    assertThat(token.check(null, null)).isEqualTo(Verdict.MISSING);
    assertThat(token.check("Bearer ", null)).isEqualTo(Verdict.MISSING);
    assertThat(token.check(null, "")).isEqualTo(Verdict.MISSING);
    assertThat(token.check("Bearer s3cre", null)).isEqualTo(Verdict.WRONG);
    assertThat(token.check("Bearer s3cret2", null)).isEqualTo(Verdict.WRONG);
    assertThat(token.check(null, "S3CRET")).isEqualTo(Verdict.WRONG);
  }

  @Test
  void refusesABlankToken() {
    assertThatThrownBy(() -> new BearerToken("  "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
  }
}
