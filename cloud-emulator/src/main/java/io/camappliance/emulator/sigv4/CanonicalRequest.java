package io.camappliance.emulator.sigv4;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The SigV4 canonical request (AWS General Reference, "Create a canonical request"):
 *
 * <pre>
 * HTTPMethod \n
 * CanonicalURI \n           each path segment URI-encoded again (services other than S3)
 * CanonicalQueryString \n   name=value pairs, RFC 3986-encoded, sorted; X-Amz-Signature left out
 * CanonicalHeaders \n       "name:value\n" per signed header, values trimmed, spaces collapsed
 * SignedHeaders \n          "a;b;c"
 * HashedPayload
 * </pre>
 */
final class CanonicalRequest {
  private CanonicalRequest() {}

  static String of(SignedRequest r, List<String> signedHeaders) {
    StringBuilder sb = new StringBuilder(512);
    sb.append(r.method()).append('\n');
    sb.append(canonicalUri(r.rawPath())).append('\n');
    sb.append(canonicalQuery(r)).append('\n');
    for (String h : signedHeaders) {
      sb.append(h).append(':').append(canonicalHeaderValue(r.headers().get(h))).append('\n');
    }
    sb.append('\n');
    sb.append(String.join(";", signedHeaders)).append('\n');
    sb.append(r.payloadHash());
    return sb.toString();
  }

  static String canonicalUri(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    String[] segments = rawPath.split("/", -1);
    StringBuilder sb = new StringBuilder(rawPath.length() + 8);
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        sb.append('/');
      }
      sb.append(SigV4.uriEncode(segments[i]));
    }
    return sb.length() == 0 ? "/" : sb.toString();
  }

  static String canonicalQuery(SignedRequest r) {
    List<String[]> pairs = new ArrayList<>();
    for (Map.Entry<String, String> p : r.queryParameters()) {
      if (p.getKey().equals("X-Amz-Signature")) {
        continue;
      }
      pairs.add(new String[] {SigV4.uriEncode(p.getKey()), SigV4.uriEncode(p.getValue())});
    }
    pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
    StringBuilder sb = new StringBuilder();
    for (String[] p : pairs) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(p[0]).append('=').append(p[1]);
    }
    return sb.toString();
  }

  private static String canonicalHeaderValue(List<String> values) {
    if (values == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (String v : values) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(v.trim().replaceAll("\\s+", " "));
    }
    return sb.toString();
  }
}
