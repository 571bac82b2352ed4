package io.camappliance.kvs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

class PutMediaRequestTest {
  private static final URI ENDPOINT =
      URI.create("https://s-1a2b3c4d.kinesisvideo.us-west-2.amazonaws.com");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-03-22T16:13:05Z"), ZoneOffset.UTC);

  @ParameterizedTest
  @CsvSource({
    "1711124585823, 1711124585.823",
    "1711124585005, 1711124585.005",
    "1711124585050, 1711124585.050",
    "1711124585000, 1711124585.000",
  })
  void writesTheStartTimestampAsSecondsWithAPaddedMillisecondFraction(long ms, String header) {
    PutMediaRequest r = new PutMediaRequest(ENDPOINT, "us-west-2", "cam", Instant.ofEpochMilli(ms));
    assertThat(r.producerStartHeader()).isEqualTo(header);
  }

  @Test
  void signsTheHeadLikeTheCProducerWithTheSessionTokenSigned() {
    PutMediaRequest r =
        new PutMediaRequest(
            ENDPOINT, "us-west-2", "cam-0001", Instant.ofEpochMilli(1711124585823L));
    String head =
        new String(
            PutMediaConnection.requestHead(
                r, AwsSessionCredentialsIdentity.create("ASIAKEY", "secret", "TOKEN"), CLOCK),
            java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(head)
        .startsWith("POST /putMedia HTTP/1.1\r\n")
        .contains("Host: s-1a2b3c4d.kinesisvideo.us-west-2.amazonaws.com\r\n")
        .contains("x-amzn-stream-name: cam-0001\r\n")
        .contains("x-amzn-fragment-timecode-type: ABSOLUTE\r\n")
        .contains("x-amzn-producer-start-timestamp: 1711124585.823\r\n")
        .contains("x-amzn-fragment-acknowledgment-required: 1\r\n")
        .contains("X-Amz-Date: 20240322T161305Z\r\n")
        .contains("X-Amz-Security-Token: TOKEN\r\n")
        .contains("Credential=ASIAKEY/20240322/us-west-2/kinesisvideo/aws4_request")
        .contains("Transfer-Encoding: chunked\r\n")
        .endsWith("\r\n\r\n");
    String signed = head.replaceAll("(?s).*SignedHeaders=([^,]*),.*", "$1");
    assertThat(signed.split(";"))
        .contains("host", "x-amz-date", "x-amz-security-token", "x-amzn-stream-name")
        .doesNotContain("transfer-encoding", "connection", "user-agent");
    // The streamed body is signed as the empty string, never as its content.
    assertThat(head)
        .doesNotContain("UNSIGNED-PAYLOAD")
        .satisfiesAnyOf(
            h -> assertThat(h).doesNotContainIgnoringCase("x-amz-content-sha256"),
            h ->
                assertThat(h)
                    .contains("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
  }

  @Test
  void signsTheSameHeadTwiceForTheSameClockAndCredentials() {
    PutMediaRequest r = new PutMediaRequest(ENDPOINT, "us-west-2", "cam", Instant.EPOCH);
    AwsCredentialsIdentity c = AwsCredentialsIdentity.create("AKID", "secret");
    assertThat(PutMediaConnection.requestHead(r, c, CLOCK))
        .isEqualTo(PutMediaConnection.requestHead(r, c, CLOCK));
  }

  @ParameterizedTest
  @CsvSource({
    "ftp://example.com, us-west-2, cam, not an http:// or https:// URI",
    "https://example.com, '', cam, region must be set",
    "https://example.com, us-west-2, a/b, must be 1-256 characters",
  })
  void refusesSettingsThatCannotWork(String endpoint, String region, String stream, String why) {
    assertThatThrownBy(
            () -> new PutMediaRequest(URI.create(endpoint), region, stream, Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(why);
  }

  @Test
  void usesTheSchemesDefaultPorts() {
    assertThat(new PutMediaRequest(ENDPOINT, "r", "c", Instant.EPOCH).port()).isEqualTo(443);
    assertThat(new PutMediaRequest(URI.create("http://h"), "r", "c", Instant.EPOCH).port())
        .isEqualTo(80);
    assertThat(new PutMediaRequest(URI.create("http://h:8080"), "r", "c", Instant.EPOCH).port())
        .isEqualTo(8080);
  }
}
