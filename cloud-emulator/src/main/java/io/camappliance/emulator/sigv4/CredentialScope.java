package io.camappliance.emulator.sigv4;

/**
 * The credential of a SigV4 signature, {@code <access
 * key>/<yyyyMMdd>/<region>/<service>/aws4_request}.
 */
record CredentialScope(
    String accessKeyId, String date, String region, String service, String terminator) {

  /** Parses the five slash-separated parts, or returns null when there are not five. */
  static CredentialScope parse(String credential) {
    String[] p = credential.split("/", -1);
    if (p.length != 5) {
      return null;
    }
    return new CredentialScope(p[0], p[1], p[2], p[3], p[4]);
  }

  /** The scope in the string to sign: everything after the access key. */
  String scope() {
    return date + '/' + region + '/' + service + '/' + terminator;
  }
}
