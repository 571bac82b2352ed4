package io.camappliance.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The credentials endpoint's answer is untrusted until parsed: any status and body either yield
 * complete credentials (only for 200) or a classified {@link CredentialsException} with a message,
 * never anything else. The corpus in {@code CredentialsResponseFuzzTestInputs} holds a real answer
 * and an error body.
 */
class CredentialsResponseFuzzTest {
  private static final CredentialsRequest REQUEST =
      new CredentialsRequest("localhost:8443", "alias", "cam-1");

  @FuzzTest
  void parsesAnyAnswerOrClassifiesIt(FuzzedDataProvider data) {
    int status = data.consumeBoolean() ? 200 : data.consumeInt(100, 599);
    String body = data.consumeRemainingAsString();
    SessionCredentials c;
    try {
      c = CredentialsResponse.parse(status, body, REQUEST);
    } catch (CredentialsException e) {
      assertThat(e.kind()).isNotNull();
      assertThat(e.getMessage()).contains(REQUEST.endpoint());
      return;
    }
    assertThat(status).isEqualTo(200);
    assertThat(c.accessKeyId()).isNotEmpty();
    assertThat(c.secretAccessKey()).isNotEmpty();
    assertThat(c.sessionToken()).isNotEmpty();
    assertThat(c.expiration()).isNotNull();
  }
}
