package io.camappliance.emulator.sigv4;

import io.camappliance.emulator.auth.AuthFailure;

/**
 * The refusals a KVS endpoint answers for a bad SigV4 request, with the names, statuses and wording
 * of AWS's JSON (Coral) services. The guide's common-errors table lists the query-protocol names
 * ({@code InvalidClientTokenId}, {@code RequestExpired}); REST-JSON services such as KVS answer
 * with the names below, which the AWS SDKs' clock-skew handling and error mapping treat alike.
 */
final class SigV4Failures {
  static final String MISSING_AUTHENTICATION_TOKEN = "MissingAuthenticationTokenException";
  static final String INCOMPLETE_SIGNATURE = "IncompleteSignatureException";
  static final String INVALID_SIGNATURE = "InvalidSignatureException";
  static final String UNRECOGNIZED_CLIENT = "UnrecognizedClientException";
  static final String EXPIRED_TOKEN = "ExpiredTokenException";

  private SigV4Failures() {}

  static AuthFailure missingAuthenticationToken() {
    return new AuthFailure(403, MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token");
  }

  static AuthFailure incomplete(String message) {
    return new AuthFailure(400, INCOMPLETE_SIGNATURE, message);
  }

  static AuthFailure invalidSignature(String message) {
    return new AuthFailure(403, INVALID_SIGNATURE, message);
  }

  static AuthFailure signatureMismatch(String canonicalRequest, String stringToSign) {
    return invalidSignature(
        "The request signature we calculated does not match the signature you provided. Check"
            + " your AWS Secret Access Key and signing method. Consult the service documentation"
            + " for details.\n\nThe Canonical String for this request should have been\n'"
            + canonicalRequest
            + "'\n\nThe String-to-Sign should have been\n'"
            + stringToSign
            + "'\n");
  }

  static AuthFailure unrecognizedClient() {
    return new AuthFailure(
        403, UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.");
  }

  static AuthFailure expiredToken() {
    return new AuthFailure(
        403, EXPIRED_TOKEN, "The security token included in the request is expired");
  }
}
