package io.camappliance.emulator.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A REST-JSON body of a media or archived-media request, read by wire field name with the service's
 * validation. Unknown fields are ignored. A violation fails with {@code InvalidArgumentException}
 * worded like the service's validator ({@code 1 validation error detected: Value ... at
 * 'fragmentSelector.fragmentSelectorType' failed to satisfy constraint: ...}).
 */
public final class ArchiveRequest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode node;
  private final String path;

  private ArchiveRequest(ObjectNode node, String path) {
    this.node = node;
    this.path = path;
  }

  /** Parses a request body; an empty body is an empty object. */
  public static ArchiveRequest parse(byte[] body) {
    if (body.length == 0) {
      return new ArchiveRequest(JSON.createObjectNode(), "");
    }
    JsonNode n;
    try {
      n = JSON.readTree(body);
    } catch (IOException e) {
      throw ArchiveException.invalidArgument("The request body is not JSON: " + e.getMessage());
    }
    if (n == null || !n.isObject()) {
      throw ArchiveException.invalidArgument("The request body is not a JSON object.");
    }
    return new ArchiveRequest((ObjectNode) n, "");
  }

  public boolean has(String field) {
    JsonNode v = node.get(field);
    return v != null && !v.isNull();
  }

  /** A string field checked against length and pattern; null when absent and not required. */
  public String string(String field, boolean required, int min, int max, Pattern pattern) {
    JsonNode v = present(field, required);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      throw ArchiveException.invalidArgument(
          "Value " + v + " at '" + at(field) + "' is not a string.");
    }
    String s = v.asText();
    int length = s.codePointCount(0, s.length());
    if (length < min) {
      throw violation(
          "'" + s + "'", field, "Member must have length greater than or equal to " + min);
    }
    if (length > max) {
      throw violation("'" + s + "'", field, "Member must have length less than or equal to " + max);
    }
    if (pattern != null && !pattern.matcher(s).matches()) {
      throw violation(
          "'" + s + "'", field, "Member must satisfy regular expression pattern: " + pattern);
    }
    return s;
  }

  /** One of {@code values}; {@code dflt} when absent and not required. */
  public String enumValue(String field, boolean required, List<String> values, String dflt) {
    String s = string(field, required, 0, Integer.MAX_VALUE, null);
    if (s == null) {
      return dflt;
    }
    if (!values.contains(s)) {
      throw violation("'" + s + "'", field, "Member must satisfy enum value set: " + values);
    }
    return s;
  }

  /** An integer in {@code [min, max]}; {@code dflt} when absent and not required. */
  public long integer(String field, boolean required, long min, long max, long dflt) {
    JsonNode v = present(field, required);
    if (v == null) {
      return dflt;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw ArchiveException.invalidArgument(
          "Value " + v + " at '" + at(field) + "' is not an integer.");
    }
    long n = v.asLong();
    if (n < min) {
      throw violation(
          Long.toString(n), field, "Member must have value greater than or equal to " + min);
    }
    if (n > max) {
      throw violation(
          Long.toString(n), field, "Member must have value less than or equal to " + max);
    }
    return n;
  }

  /**
   * A timestamp: epoch seconds as a JSON number with a fraction (botocore {@code unixTimestamp}),
   * kept to the millisecond; null when absent and not required.
   */
  public Instant timestamp(String field, boolean required) {
    JsonNode v = present(field, required);
    if (v == null) {
      return null;
    }
    if (!v.isNumber()) {
      throw ArchiveException.invalidArgument(
          "Value " + v + " at '" + at(field) + "' is not a timestamp.");
    }
    BigDecimal millis = v.decimalValue().movePointRight(3);
    return Instant.ofEpochMilli(millis.longValue());
  }

  /** A nested object; null when absent and not required. */
  public ArchiveRequest object(String field, boolean required) {
    JsonNode v = present(field, required);
    if (v == null) {
      return null;
    }
    if (!v.isObject()) {
      throw ArchiveException.invalidArgument(
          "Value " + v + " at '" + at(field) + "' is not an object.");
    }
    return new ArchiveRequest((ObjectNode) v, at(field) + ".");
  }

  /** A list of strings, each checked; null when absent and not required. */
  public List<String> stringList(
      String field, boolean required, int minItems, int maxItems, int max, Pattern pattern) {
    JsonNode v = present(field, required);
    if (v == null) {
      return null;
    }
    if (!v.isArray()) {
      throw ArchiveException.invalidArgument(
          "Value " + v + " at '" + at(field) + "' is not a list.");
    }
    if (v.size() < minItems) {
      throw violation(
          "of size " + v.size(),
          field,
          "Member must have length greater than or equal to " + minItems);
    }
    if (v.size() > maxItems) {
      throw violation(
          "of size " + v.size(),
          field,
          "Member must have length less than or equal to " + maxItems);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      String item = field + "." + (i + 1);
      if (!e.isTextual()) {
        throw violation(e.toString(), item, "Member must not be null");
      }
      String s = e.asText();
      if (s.isEmpty() || s.length() > max) {
        throw violation(
            "'" + s + "'", item, "Member must have length between 1 and " + max + " inclusive");
      }
      if (pattern != null && !pattern.matcher(s).matches()) {
        throw violation(
            "'" + s + "'", item, "Member must satisfy regular expression pattern: " + pattern);
      }
      out.add(s);
    }
    return out;
  }

  private JsonNode present(String field, boolean required) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw violation("null", field, "Member must not be null");
      }
      return null;
    }
    return v;
  }

  private ArchiveException violation(String value, String field, String constraint) {
    return ArchiveException.invalidArgument(
        "1 validation error detected: Value "
            + value
            + " at '"
            + at(field)
            + "' failed to satisfy constraint: "
            + constraint);
  }

  /** The service names fields in lower camel case: {@code StreamName} → {@code streamName}. */
  private String at(String field) {
    return path + Character.toLowerCase(field.charAt(0)) + field.substring(1);
  }
}
