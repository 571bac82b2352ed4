package io.camappliance.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

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
