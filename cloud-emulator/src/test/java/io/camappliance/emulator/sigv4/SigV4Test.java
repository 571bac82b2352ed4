package io.camappliance.emulator.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SigV4 primitives against the published examples of the AWS General Reference. */
class SigV4Test {
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

  @Test
  void derivesTheDocumentedSigningKey() {
    // AWS General Reference, "Examples of how to derive a signing key for Signature Version 4".
    assertThat(HexFormat.of().formatHex(SigV4.signingKey(SECRET, "20120215", "us-east-1", "iam")))
        .isEqualTo("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
  }

  @Test
  void signsTheTestSuitesGetVanillaRequest() {
    // aws-sig-v4-test-suite "get-vanilla": GET / with Host and X-Amz-Date only.
    SignedRequest r =
        new SignedRequest(
            "GET",
            "/",
            null,
            Map.of(
                "Host", List.of("example.amazonaws.com"),
                "X-Amz-Date", List.of("20150830T123600Z")),
            SigV4.EMPTY_SHA256);
    String canonical = CanonicalRequest.of(r, List.of("host", "x-amz-date"));
    assertThat(canonical)
        .isEqualTo(
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
                + "host;x-amz-date\n"
                + SigV4.EMPTY_SHA256);
    String toSign =
        SigV4.stringToSign(
            "20150830T123600Z", "20150830/us-east-1/service/aws4_request", canonical);
    assertThat(
            SigV4.signature(SigV4.signingKey(SECRET, "20150830", "us-east-1", "service"), toSign))
        .isEqualTo("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  }

  @Test
  void sortsAndReEncodesTheQuery() {
    SignedRequest r =
        new SignedRequest(
            "GET",
            "/",
            "X-Amz-ChannelARN=arn%3Aaws%3Akinesisvideo%3Aus-west-2%3A1%3Achannel%2Fc%2F1&b=%20+&a=&X-Amz-Signature=ff",
            Map.of(),
            SigV4.EMPTY_SHA256);
    assertThat(CanonicalRequest.canonicalQuery(r))
        .isEqualTo(
            "X-Amz-ChannelARN=arn%3Aaws%3Akinesisvideo%3Aus-west-2%3A1%3Achannel%2Fc%2F1&a=&b=%20%2B");
  }

  @Test
  void encodesPathSegmentsAgain() {
    assertThat(CanonicalRequest.canonicalUri("/a%20b/c")).isEqualTo("/a%2520b/c");
    assertThat(CanonicalRequest.canonicalUri("")).isEqualTo("/");
    assertThat(CanonicalRequest.canonicalUri("/putMedia")).isEqualTo("/putMedia");
  }

  @Test
  void parsesTheAuthorizationHeaderInAnyOrder() {
    AuthorizationHeader h =
        AuthorizationHeader.parse(
            "AWS4-HMAC-SHA256 Signature=abc,Credential=K/20240322/us-west-2/kinesisvideo/aws4_request,"
                + "  SignedHeaders=Host;X-Amz-Date");
    assertThat(h.algorithm()).isEqualTo("AWS4-HMAC-SHA256");
    assertThat(h.credential()).isEqualTo("K/20240322/us-west-2/kinesisvideo/aws4_request");
    assertThat(h.signedHeaders()).containsExactly("host", "x-amz-date");
    assertThat(h.signature()).isEqualTo("abc");
    assertThat(h.missing()).isNull();
    assertThat(AuthorizationHeader.parse("AWS4-HMAC-SHA256").missing())
        .isEqualTo(
            "Authorization header requires 'Credential' parameter. Authorization header requires"
                + " 'Signature' parameter. Authorization header requires 'SignedHeaders'"
                + " parameter.");
  }
}
