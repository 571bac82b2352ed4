package io.camappliance.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camappliance.credentials.CredentialsException.Kind;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CredentialsResponseTest {
  private static final CredentialsRequest REQUEST =
      new CredentialsRequest("abc.credentials.iot.us-west-2.amazonaws.com", "cam-alias", "cam-1");

  @Test
  void parsesTheSuccessfulAnswer() throws Exception {
    SessionCredentials c =
        CredentialsResponse.parse(
            200,
            "{\"credentials\":{\"accessKeyId\":\"ASIAEXAMPLE\",\"secretAccessKey\":\"s3cr3t\","
                + "\"sessionToken\":\"tok\",\"expiration\":\"2024-03-22T17:13:05Z\"}}",
            REQUEST);
    assertThat(c)
        .isEqualTo(
            new SessionCredentials(
                "ASIAEXAMPLE", "s3cr3t", "tok", Instant.parse("2024-03-22T17:13:05Z")));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "403 | {\"message\":\"Invalid thing name passed\"} | FORBIDDEN   | 'cam-1' is not attached",
        "403 | {\"message\":\"Access Denied\"}             | FORBIDDEN   | iot:AssumeRoleWithCertificate",
        "404 | {\"message\":\"Role alias does not exist\"}  | NOT_FOUND   | 'cam-alias'",
        "400 | {\"message\":\"Missing header\"}            | BAD_REQUEST | 'Missing header'",
        "401 | ''                                         | TLS_REFUSED | ACTIVE",
        "429 | {\"message\":\"Rate exceeded\"}             | THROTTLED   | throttled",
        "503 | not json                                   | SERVER      | answered 503",
      })
  void classifiesErrorAnswers(int status, String body, Kind kind, String hint) {
    assertThatThrownBy(() -> CredentialsResponse.parse(status, body, REQUEST))
        .isInstanceOfSatisfying(
            CredentialsException.class, e -> assertThat(e.kind()).isEqualTo(kind))
        .hasMessageContaining(hint)
        .hasMessageContaining(REQUEST.endpoint());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"credentials\":{\"accessKeyId\":\"A\",\"secretAccessKey\":\"s\",\"sessionToken\":\"t\",\"expiration\":\"2024-03-22T17:13:05.123Z\"}} | not YYYY-MM-DDTHH:MM:SSZ",
        "{\"credentials\":{\"accessKeyId\":\"A\",\"secretAccessKey\":\"s\",\"sessionToken\":\"t\",\"expiration\":\"2024-13-22T17:13:05Z\"}} | not a valid date",
        "{\"credentials\":{\"accessKeyId\":\"A\",\"secretAccessKey\":\"s\",\"expiration\":\"2024-03-22T17:13:05Z\"}} | credentials.sessionToken is missing",
        "{\"credentials\":{\"accessKeyId\":7,\"secretAccessKey\":\"s\",\"sessionToken\":\"t\",\"expiration\":\"2024-03-22T17:13:05Z\"}} | credentials.accessKeyId is missing",
        "[1,2 | not JSON",
        "'' | body is empty",
      })
  void refusesMalformedSuccessfulAnswersAsServerErrors(String body, String message) {
    assertThatThrownBy(() -> CredentialsResponse.parse(200, body, REQUEST))
        .isInstanceOfSatisfying(
            CredentialsException.class, e -> assertThat(e.kind()).isEqualTo(Kind.SERVER))
        .hasMessageContaining(message);
  }

  @Test
  void refusesAHugeBody() {
    assertThatThrownBy(() -> CredentialsResponse.parse(200, "x".repeat(70_000), REQUEST))
        .hasMessageContaining("70000 characters, more than 65536");
  }
}
