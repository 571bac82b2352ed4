package io.camappliance.emulator.sigv4;

import java.util.ArrayList;
import java.util.List;

/**
 * The SigV4 {@code Authorization} header:
 *
 * <pre>
 * AWS4-HMAC-SHA256 Credential=AKID/20240322/us-west-2/kinesisvideo/aws4_request,
 *     SignedHeaders=host;x-amz-date, Signature=5d67…
 * </pre>
 *
 * Components are separated by commas with optional spaces, in any order.
 */
record AuthorizationHeader(
    String algorithm, String credential, List<String> signedHeaders, String signature) {

  /** Parses the header; {@link #missing()} names what is absent. */
  static AuthorizationHeader parse(String value) {
    String v = value.trim();
    int sp = v.indexOf(' ');
    String algorithm = sp < 0 ? v : v.substring(0, sp);
    String credential = null;
    String signedHeaders = null;
    String signature = null;
    if (sp >= 0) {
      for (String part : v.substring(sp + 1).split(",")) {
        String p = part.trim();
        int eq = p.indexOf('=');
        if (eq < 0) {
          continue;
        }
        String name = p.substring(0, eq).trim();
        String val = p.substring(eq + 1).trim();
        switch (name) {
          case "Credential" -> credential = val;
          case "SignedHeaders" -> signedHeaders = val;
          case "Signature" -> signature = val;
          default -> {}
        }
      }
    }
    return new AuthorizationHeader(algorithm, credential, splitHeaders(signedHeaders), signature);
  }

  static List<String> splitHeaders(String signedHeaders) {
    if (signedHeaders == null || signedHeaders.isEmpty()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String h : signedHeaders.split(";")) {
      out.add(h.trim().toLowerCase(java.util.Locale.ROOT));
    }
    return out;
  }

  /** AWS's wording for the components that are absent, or null when all are there. */
  String missing() {
    StringBuilder sb = new StringBuilder();
    if (credential == null) {
      sb.append("Authorization header requires 'Credential' parameter. ");
    }
    if (signature == null) {
      sb.append("Authorization header requires 'Signature' parameter. ");
    }
    if (signedHeaders == null) {
      sb.append("Authorization header requires 'SignedHeaders' parameter. ");
    }
    return sb.length() == 0 ? null : sb.toString().trim();
  }
}
