package io.camappliance.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The pages, scripts and style sheet, read once from the class path at start-up. Only the names
 * listed here are served, so no request path can reach another resource.
 */
final class StaticAssets {
  /** A resource's bytes and its {@code Content-Type}. */
  record Asset(byte[] bytes, String contentType) {}

  private static final String HTML = "text/html; charset=utf-8";
  private static final String JS = "text/javascript; charset=utf-8";

  private static final Map<String, String> TYPES =
      Map.of(
          "status.html", HTML,
          "live.html", HTML,
          "auth.js", JS,
          "status.js", JS,
          "live.js", JS,
          "style.css", "text/css; charset=utf-8",
          "icon.svg", "image/svg+xml");

  private final Map<String, Asset> assets;

  StaticAssets() {
    HashMap<String, Asset> loaded = new HashMap<>();
    TYPES.forEach((name, type) -> loaded.put(name, new Asset(load(name), type)));
    this.assets = Map.copyOf(loaded);
  }

  /** A page by its file name, e.g. {@code status.html}. */
  Asset page(String name) {
    return assets.get(name);
  }

  /** A script, style sheet or image served under {@code /static/}: never a page. */
  Optional<Asset> file(String name) {
    return name.endsWith(".html") ? Optional.empty() : Optional.ofNullable(assets.get(name));
  }

  private static byte[] load(String name) {
    try (InputStream in = StaticAssets.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Web resource " + name + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read web resource " + name, e);
    }
  }
}
