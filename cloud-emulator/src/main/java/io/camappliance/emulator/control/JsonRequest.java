package io.camappliance.emulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A REST-JSON request body with the service's input validation. Fields are read by their wire name
 * ({@code StreamName}); unknown fields are ignored, as the service does. A violation fails with
 * {@code InvalidArgumentException} worded like the service's validator:
 *
 * <pre>
 * 1 validation error detected: Value 'a b' at 'streamName' failed to satisfy constraint:
 * Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+
 * </pre>
 */
final class JsonRequest {
  private final ObjectNode node;
  private final String path;

  JsonRequest(ObjectNode node, String path) {
    this.node = node;
    this.path = path;
  }

  boolean has(String field) {
    JsonNode v = node.get(field);
    return v != null && !v.isNull();
  }

  /** A string field; null when absent and not required. */
  String string(String field, boolean required, int min, int max, Pattern pattern) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw violation("null", field, "Member must not be null");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw ApiException.invalidArgument("Value " + v + " at '" + at(field) + "' is not a string.");
    }
    String s = v.asText();
    checkString(s, field, min, max, pattern);
    return s;
  }

  /** An enum-valued string field; null when absent and not required. */
  String enumValue(String field, boolean required, List<String> values) {
    String s = string(field, required, 0, Integer.MAX_VALUE, null);
    if (s != null && !values.contains(s)) {
      throw violation("'" + s + "'", field, "Member must satisfy enum value set: " + values);
    }
    return s;
  }

  /** An integer field; {@code dflt} when absent and not required. */
  long integer(String field, boolean required, long min, long max, long dflt) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw violation("null", field, "Member must not be null");
      }
      return dflt;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw ApiException.invalidArgument(
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

  /** A nested object; null when absent and not required. */
  JsonRequest object(String field, boolean required) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw violation("null", field, "Member must not be null");
      }
      return null;
    }
    if (!v.isObject()) {
      throw ApiException.invalidArgument(
          "Value " + v + " at '" + at(field) + "' is not an object.");
    }
    return new JsonRequest((ObjectNode) v, at(field) + ".");
  }

  /** A list of strings, each checked; null when absent and not required. */
  List<String> stringList(
      String field,
      boolean required,
      int minItems,
      int maxItems,
      int min,
      int max,
      Pattern pattern,
      Set<String> values) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw violation("null", field, "Member must not be null");
      }
      return null;
    }
    if (!v.isArray()) {
      throw ApiException.invalidArgument("Value " + v + " at '" + at(field) + "' is not a list.");
    }
    checkCount(v.size(), field, minItems, maxItems);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      String item = field + "." + (i + 1);
      if (!e.isTextual()) {
        throw violation(e.toString(), item, "Member must not be null");
      }
      checkString(e.asText(), item, min, max, pattern);
      if (values != null && !values.contains(e.asText())) {
        throw violation(
            "'" + e.asText() + "'", item, "Member must satisfy enum value set: " + values);
      }
      out.add(e.asText());
    }
    return out;
  }

  /** A JSON map of string to string (stream tags); null when absent and not required. */
  Map<String, String> stringMap(
      String field,
      boolean required,
      int minEntries,
      int maxEntries,
      int keyMin,
      int keyMax,
      Pattern keyPattern,
      int valueMin,
      int valueMax) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw violation("null", field, "Member must not be null");
      }
      return null;
    }
    if (!v.isObject()) {
      throw ApiException.invalidArgument("Value " + v + " at '" + at(field) + "' is not a map.");
    }
    checkCount(v.size(), field, minEntries, maxEntries);
    Map<String, String> out = new LinkedHashMap<>();
    var it = v.fields();
    while (it.hasNext()) {
      var e = it.next();
      checkString(e.getKey(), field + ".key", keyMin, keyMax, keyPattern);
      if (!e.getValue().isTextual()) {
        throw violation(e.getValue().toString(), field + ".value", "Member must not be null");
      }
      checkString(e.getValue().asText(), field + ".value", valueMin, valueMax, null);
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  /** A list of objects; null when absent and not required. */
  List<JsonRequest> objectList(String field, boolean required, int minItems, int maxItems) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw violation("null", field, "Member must not be null");
      }
      return null;
    }
    if (!v.isArray()) {
      throw ApiException.invalidArgument("Value " + v + " at '" + at(field) + "' is not a list.");
    }
    checkCount(v.size(), field, minItems, maxItems);
    List<JsonRequest> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      if (!e.isObject()) {
        throw ApiException.invalidArgument(
            "Value " + e + " at '" + at(field) + "." + (i + 1) + "' is not an object.");
      }
      out.add(new JsonRequest((ObjectNode) e, at(field) + "." + (i + 1) + "."));
    }
    return out;
  }

  private void checkCount(int n, String field, int min, int max) {
    if (n < min) {
      throw violation(
          "of size " + n, field, "Member must have length greater than or equal to " + min);
    }
    if (n > max) {
      throw violation(
          "of size " + n, field, "Member must have length less than or equal to " + max);
    }
  }

  private void checkString(String s, String field, int min, int max, Pattern pattern) {
    int length = s.codePointCount(0, s.length());
    if (length < min) {
      throw violation(
          "'" + s + "'", field, "Member must have length greater than or equal to " + min);
    }
    if (length > max) {
      throw violation(
          "'" + abbreviate(s) + "'", field, "Member must have length less than or equal to " + max);
    }
    if (pattern != null && !pattern.matcher(s).matches()) {
      throw violation(
          "'" + s + "'",
          field,
          "Member must satisfy regular expression pattern: " + pattern.pattern());
    }
  }

  private ApiException violation(String value, String field, String constraint) {
    return ApiException.invalidArgument(
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

  private static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 61) + "...";
  }
}
