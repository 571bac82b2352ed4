package io.camappliance.core;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.jar.Manifest;
import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest ("dev" when run from classes). */
final class Version implements IVersionProvider {
  /**
   * When this jar was built (its manifest's {@code Build-Date}), so that a clock before it can be
   * recognized as unsynchronized; empty when run from classes or the entry is missing.
   */
  static Optional<Instant> buildDate() {
    try (InputStream in = Version.class.getResourceAsStream("/META-INF/MANIFEST.MF")) {
      if (in == null) {
        return Optional.empty();
      }
      String date = new Manifest(in).getMainAttributes().getValue("Build-Date");
      return date == null ? Optional.empty() : Optional.of(Instant.parse(date));
    } catch (IOException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  @Override
  public String[] getVersion() {
    String v = Version.class.getPackage().getImplementationVersion();
    return new String[] {"camera appliance " + (v == null ? "dev" : v)};
  }
}
