package io.camappliance.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** {@link Chromium} for browser tests of other packages. */
public final class HeadlessChromium implements AutoCloseable {
  private final Chromium chromium;

  /** Whether Debian's Chromium and chromedriver are installed. */
  public static boolean available() {
    return Chromium.available();
  }

  /** Starts chromedriver and a headless Chromium with a fresh profile in {@code profile}. */
  public HeadlessChromium(Path profile) throws IOException, InterruptedException {
    this.chromium = new Chromium(profile);
  }

  public void open(String url) throws IOException, InterruptedException {
    chromium.open(url);
  }

  /** Runs a function body in the page; {@code return} gives the value. */
  public JsonNode run(String script) throws IOException, InterruptedException {
    return chromium.run(script);
  }

  /** Runs {@code script} every 100 ms until it returns something truthy, and returns that. */
  public JsonNode await(String script, Duration timeout) throws IOException, InterruptedException {
    return chromium.await(script, timeout);
  }

  @Override
  public void close() {
    chromium.close();
  }
}
