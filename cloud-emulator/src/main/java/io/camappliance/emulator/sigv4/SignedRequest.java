package io.camappliance.emulator.sigv4;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a SigV4 check needs of an HTTP request, as it arrived on the wire: method, the raw (still
 * percent-encoded) path and query, the headers by lower-case name, and the payload hash to put in
 * the canonical request.
 *
 * @param rawQuery null when the request has none
 * @param payloadHash hex SHA-256 of the body, or the literal the client declared ({@code
 *     UNSIGNED-PAYLOAD}, {@code STREAMING-...})
 */
public record SignedRequest(
    String method,
    String rawPath,
    String rawQuery,
    Map<String, List<String>> headers,
    String payloadHash) {

  public SignedRequest {
    Map<String, List<String>> lower = new TreeMap<>();
    headers.forEach(
        (k, v) ->
            lower.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
    headers = Collections.unmodifiableMap(lower);
  }

  /** The request behind a Javalin context; the body is not touched. */
  public static SignedRequest of(Context ctx, String payloadHash) {
    Map<String, List<String>> headers = new TreeMap<>();
    Enumeration<String> names = ctx.req().getHeaderNames();
    while (names.hasMoreElements()) {
      String name = names.nextElement();
      List<String> values =
          headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>());
      Enumeration<String> e = ctx.req().getHeaders(name);
      while (e.hasMoreElements()) {
        values.add(e.nextElement());
      }
    }
    return new SignedRequest(
        ctx.req().getMethod(),
        ctx.req().getRequestURI(),
        ctx.req().getQueryString(),
        headers,
        payloadHash);
  }

  /** The first value of a header, or null. */
  public String header(String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** The query parameters, percent-decoded, in arrival order. */
  public List<Map.Entry<String, String>> queryParameters() {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.add(Map.entry(PercentDecoding.decode(name), PercentDecoding.decode(value)));
    }
    return out;
  }

  /** The first value of a query parameter, or null. */
  public String queryParameter(String name) {
    for (Map.Entry<String, String> p : queryParameters()) {
      if (p.getKey().equals(name)) {
        return p.getValue();
      }
    }
    return null;
  }
}
