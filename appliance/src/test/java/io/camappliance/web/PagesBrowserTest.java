package io.camappliance.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status and live pages in headless Chromium, against a server that requires a token: the pages
 * take it from {@code ?token=}, drop it from the address bar and send it as a bearer header.
 */
@Timeout(120)
class PagesBrowserTest {
  private static final String TOKEN = "tok-123";
  private static final String REASON = "The offer has no H.264 video";

  @TempDir static Path dir;
  private static final AtomicInteger viewers = new AtomicInteger(1);
  private static final FakeWhep whep = new FakeWhep();
  private static WebServer server;
  private static Chromium chromium;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Chromium.available(), "no Chromium/chromedriver");
    whep.refusal = new WhepException(400, REASON);
    server =
        WebServer.start(
            "127.0.0.1",
            0,
            Optional.of(TOKEN),
            () -> {
              Map<String, Object> s = new LinkedHashMap<>();
              s.put("source", "test pattern");
              s.put("resolution", "1280x720");
              s.put("fps", 30);
              s.put("uploader", Map.of("state", "streaming"));
              s.put("viewers", viewers.get());
              return s;
            },
            whep);
    chromium = new Chromium(Files.createTempDirectory(dir, "chromium"));
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static String url(String page) {
    return "http://127.0.0.1:" + server.port() + page + "?token=" + TOKEN;
  }

  private static String cell(String key) {
    return "var c = document.querySelector('tr[data-key=\""
        + key
        + "\"] td');"
        + " return c ? c.textContent : null;";
  }

  @Test
  void statusPageShowsTheSuppliedValuesAndKeepsThemCurrent() throws Exception {
    chromium.open(url("/"));

    assertThat(chromium.await(cell("fps"), Duration.ofSeconds(20)).asText()).isEqualTo("30");
    assertThat(chromium.run(cell("resolution")).asText()).isEqualTo("1280x720");
    assertThat(chromium.run(cell("source")).asText()).isEqualTo("test pattern");
    assertThat(chromium.run(cell("uploader.state")).asText()).isEqualTo("streaming");
    assertThat(
            chromium
                .run(
                    "return document.querySelector('tr[data-key=\"uploader.state\"] th')"
                        + ".textContent;")
                .asText())
        .isEqualTo("Uploader state");
    assertThat(chromium.run("return window.location.search;").asText()).isEmpty();

    viewers.set(5);
    chromium.await(
        "var c = document.querySelector('tr[data-key=\"viewers\"] td');"
            + " return c && c.textContent === '5';",
        Duration.ofSeconds(20));
  }

  @Test
  void livePageShowsTheServersRefusalAndKeepsReconnecting() throws Exception {
    int before = whep.offers.size();
    chromium.open(url("/live"));

    JsonNode line =
        chromium.await(
            "var t = document.getElementById('live-status').textContent;"
                + " return t.indexOf('"
                + REASON
                + "') >= 0 ? t : null;",
            Duration.ofSeconds(20));
    assertThat(line.asText()).contains("reconnecting in");
    chromium.await("return window.liveView.reconnects >= 2;", Duration.ofSeconds(20));

    assertThat(chromium.run("return window.liveView.lastError;").asText()).isEqualTo(REASON);
    assertThat(chromium.run("return window.location.search;").asText()).isEmpty();
    assertThat(whep.offers.size() - before).isGreaterThanOrEqualTo(2);
    String offer = whep.offers.get(before);
    assertThat(offer).contains("m=video", "a=recvonly");
  }
}
