package io.camappliance.config;

/** A setting is missing, malformed or out of range; the message names the file, key and reason. */
public final class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
