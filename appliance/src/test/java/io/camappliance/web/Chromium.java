package io.camappliance.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Headless Debian Chromium driven through chromedriver's W3C WebDriver endpoints (the protocol
 * Selenium speaks, https://www.w3.org/TR/webdriver2/): open a page, run a script, poll a script
 * until it returns something truthy.
 */
final class Chromium implements AutoCloseable {
  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Process driver;
  private final String base;
  private String session;

  static boolean available() {
    return CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
  }

  Chromium(Path profile) throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    base = "http://127.0.0.1:" + port;
    driver =
        new ProcessBuilder(CHROMEDRIVER.getPath(), "--port=" + port)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      awaitReady();
      Map<String, Object> options =
          Map.of(
              "binary",
              CHROMIUM.getPath(),
              "args",
              List.of(
                  "--headless",
                  "--no-sandbox",
                  "--disable-gpu",
                  "--disable-background-networking",
                  "--disable-component-update",
                  "--no-first-run",
                  "--autoplay-policy=no-user-gesture-required",
                  "--user-data-dir=" + profile));
      JsonNode created =
          call(
              "POST",
              "/session",
              Map.of(
                  "capabilities",
                  Map.of(
                      "alwaysMatch",
                      Map.of("browserName", "chrome", "goog:chromeOptions", options))));
      session = created.get("sessionId").asText();
    } catch (IOException | InterruptedException | RuntimeException e) {
      close();
      throw e;
    }
  }

  void open(String url) throws IOException, InterruptedException {
    call("POST", "/session/" + session + "/url", Map.of("url", url));
  }

  /** Runs {@code script} (a function body; {@code return} gives the value) in the page. */
  JsonNode run(String script) throws IOException, InterruptedException {
    return call(
        "POST",
        "/session/" + session + "/execute/sync",
        Map.of("script", script, "args", List.of()));
  }

  /** Runs {@code script} every 100 ms until it returns a truthy value, and returns that value. */
  JsonNode await(String script, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode last;
    do {
      last = run(script);
      if (!last.isNull() && !last.isMissingNode() && !(last.isBoolean() && !last.asBoolean())) {
        return last;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("Timed out after " + timeout + " waiting for: " + script);
  }

  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try {
        JsonNode status = call("GET", "/status", null);
        if (status.path("ready").asBoolean()) {
          return;
        }
      } catch (ConnectException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
      Thread.sleep(50);
    }
  }

  private JsonNode call(String method, String path, Object body)
      throws IOException, InterruptedException {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (body == null) {
      r.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      r.header("Content-Type", "application/json; charset=utf-8")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
    }
    HttpResponse<String> response = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode value = json.readTree(response.body()).path("value");
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "WebDriver " + method + " " + path + " failed: " + response.statusCode() + " " + value);
    }
    return value;
  }

  @Override
  public void close() {
    try {
      if (session != null) {
        call("DELETE", "/session/" + session, null);
      }
    } catch (IOException | RuntimeException e) {
      // the processes are ended below either way
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      driver.descendants().forEach(ProcessHandle::destroy);
      driver.destroy();
      try {
        driver.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
