package io.camappliance.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One TOML table being read: typed getters with defaults and ranges, each error naming the file and
 * the full key, and a check that every key in the table was understood (a misspelt key would
 * otherwise be silently ignored).
 */
final class Section {
  private final String file;
  private final String name;
  private final JsonNode node;
  private final Set<String> used = new HashSet<>();

  Section(String file, String name, JsonNode node) {
    this.file = file;
    this.name = name;
    this.node = node;
  }

  private String where(String key) {
    return file + ": " + name + "." + key;
  }

  private JsonNode get(String key) {
    used.add(key);
    return node == null ? null : node.get(key);
  }

  String string(String key, String dflt) throws ConfigException {
    JsonNode v = get(key);
    if (v == null) {
      return dflt;
    }
    if (!v.isTextual()) {
      throw new ConfigException(where(key) + " must be a string, got " + v);
    }
    return v.asText();
  }

  boolean bool(String key, boolean dflt) throws ConfigException {
    JsonNode v = get(key);
    if (v == null) {
      return dflt;
    }
    if (!v.isBoolean()) {
      throw new ConfigException(where(key) + " must be true or false, got " + v);
    }
    return v.asBoolean();
  }

  long integer(String key, long dflt, long min, long max) throws ConfigException {
    JsonNode v = get(key);
    if (v == null) {
      return dflt;
    }
    if (!v.isIntegralNumber()) {
      throw new ConfigException(where(key) + " must be a whole number, got " + v);
    }
    long n = v.asLong();
    if (n < min || n > max) {
      throw new ConfigException(
          where(key) + " is " + n + "; allowed " + min + " to " + max + " (default " + dflt + ")");
    }
    return n;
  }

  String oneOf(String key, String dflt, Set<String> allowed) throws ConfigException {
    String s = string(key, dflt);
    if (!allowed.contains(s)) {
      throw new ConfigException(where(key) + " is '" + s + "'; allowed: " + allowed);
    }
    return s;
  }

  /**
   * A string that is empty or matches {@code pattern}.
   *
   * @param expected what a valid value looks like, for the error message
   */
  String matching(String key, String dflt, Pattern pattern, String expected)
      throws ConfigException {
    String s = string(key, dflt);
    if (!s.isEmpty() && !pattern.matcher(s).matches()) {
      throw error(key, "is '" + s + "'; expected " + expected);
    }
    return s;
  }

  /**
   * A string that is never shown: errors name the key but not the value.
   *
   * @param pattern what a valid value matches
   */
  String secret(String key, Pattern pattern, String expected) throws ConfigException {
    JsonNode v = get(key);
    if (v == null) {
      return "";
    }
    if (!v.isTextual()) {
      throw error(key, "must be a string");
    }
    String s = v.asText();
    if (!s.isEmpty() && !pattern.matcher(s).matches()) {
      throw error(key, "is malformed (value not shown); expected " + expected);
    }
    return s;
  }

  /**
   * The path of a file the appliance reads; when set it must exist and be readable now, so a typo
   * fails at start-up rather than at the first connection.
   */
  Optional<Path> readableFile(String key) throws ConfigException {
    String s = string(key, "");
    if (s.isEmpty()) {
      return Optional.empty();
    }
    Path p = Path.of(s);
    if (!Files.exists(p)) {
      throw error(key, "is '" + p + "', which does not exist");
    }
    if (!Files.isRegularFile(p)) {
      throw error(key, "is '" + p + "', which is not a regular file");
    }
    if (!Files.isReadable(p)) {
      throw error(key, "is '" + p + "', which this user cannot read");
    }
    return Optional.of(p);
  }

  /** An array of strings; each element is checked by {@code check}. */
  List<String> strings(String key, List<String> dflt, ElementCheck check) throws ConfigException {
    JsonNode v = get(key);
    if (v == null) {
      return dflt;
    }
    if (!v.isArray()) {
      throw error(key, "must be an array of strings, got " + v);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      if (!e.isTextual()) {
        throw error(key, "[" + i + "] must be a string, got " + e);
      }
      String reason = check.problem(e.asText());
      if (reason != null) {
        throw error(key, "[" + i + "] is '" + e.asText() + "'; " + reason);
      }
      out.add(e.asText());
    }
    return List.copyOf(out);
  }

  /** Checks one array element. */
  interface ElementCheck {
    /** Returns why {@code value} is not acceptable, or null when it is. */
    String problem(String value);
  }

  ConfigException error(String key, String reason) {
    return new ConfigException(where(key) + " " + reason);
  }

  /** Fails on a key that no getter asked for. */
  void checkNoUnknownKeys() throws ConfigException {
    if (node == null) {
      return;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!used.contains(key)) {
        throw new ConfigException(
            where(key) + " is not a known setting; known in [" + name + "]: " + used);
      }
    }
  }
}
