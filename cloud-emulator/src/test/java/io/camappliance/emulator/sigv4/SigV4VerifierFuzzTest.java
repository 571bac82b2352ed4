package io.camappliance.emulator.sigv4;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.camappliance.emulator.auth.SigningCredential;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class SigV4VerifierFuzzTest {
  static final SigV4Verifier VERIFIER =
      new SigV4Verifier(
          CredentialLookups.ofStatic(SigningCredential.ofStatic("AKID", "secret")),
          "us-west-2",
          Clock.fixed(Instant.parse("2024-03-22T16:13:05Z"), ZoneOffset.UTC));

  /**
   * Arbitrary Authorization headers, dates, tokens, paths and queries are refused with a failure
   * the service could answer, never an exception.
   */
  @FuzzTest(maxDuration = "10s")
  void verifiesArbitraryRequestsWithoutCrashing(FuzzedDataProvider data) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("host", List.of(data.consumeString(40)));
    if (data.consumeBoolean()) {
      headers.put("authorization", List.of(data.consumeString(300)));
    }
    if (data.consumeBoolean()) {
      headers.put("x-amz-date", List.of(data.consumeString(20)));
    }
    if (data.consumeBoolean()) {
      headers.put("date", List.of(data.consumeString(40)));
    }
    if (data.consumeBoolean()) {
      headers.put("x-amz-security-token", List.of(data.consumeString(40)));
    }
    String path = data.consumeString(60);
    String query = data.consumeBoolean() ? data.consumeString(400) : null;
    SignedRequest r =
        new SignedRequest("POST", path, query, headers, data.consumeRemainingAsString());
    Verification v = VERIFIER.verify(r);
    if (v.ok() == (v.failure() != null)) {
      throw new IllegalStateException("exactly one of credential and failure must be set: " + v);
    }
    if (!v.ok() && (v.failure().status() < 400 || v.failure().errorType() == null)) {
      throw new IllegalStateException("not an error answer: " + v.failure());
    }
  }
}
