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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    whep.refusal = new WhepException(400, REASON);
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

  @Test
  void livePageDeletesItsSessionWithTheTokenWhenLeft() throws Exception {
    whep.refusal = null;
    whep.answerer = PagesBrowserTest::iceLiteAnswer;
    chromium.open(url("/live"));

    // The answer is applied (signalling is stable again) and the page has not given up on it.
    String session =
        chromium
            .await(
                "var v = window.liveView;"
                    + " return v.pc && v.pc.signalingState === 'stable' && v.session"
                    + " && v.state === 'connecting' && v.reconnects === 0 ? v.session : null;",
                Duration.ofSeconds(20))
            .asText();
    String id = session.substring(session.lastIndexOf('/') + 1);
    assertThat(session).endsWith("/whep/" + id);
    assertThat(whep.sessions).contains(id);
    assertThat(whep.deleted).doesNotContain(id);

    chromium.open("about:blank");

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!whep.deleted.contains(id) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(whep.deleted).contains(id);
  }

  /**
   * An answer Chromium accepts for the page's offer: ICE-lite, passive DTLS, the offer's H.264
   * payload type, one host candidate on a port nobody listens on (the connection never completes,
   * which this test does not need).
   */
  private static String iceLiteAnswer(String offer) {
    Matcher h264 = Pattern.compile("a=rtpmap:(\\d+) H264/90000").matcher(offer);
    if (!h264.find()) {
      throw new AssertionError("offer has no H.264: " + offer);
    }
    String pt = h264.group(1);
    StringBuilder fingerprint = new StringBuilder();
    for (int i = 0; i < 32; i++) {
      fingerprint.append(i == 0 ? "" : ":").append("AB");
    }
    return String.join(
        "\r\n",
        "v=0",
        "o=- 1 1 IN IP4 127.0.0.1",
        "s=-",
        "t=0 0",
        "a=group:BUNDLE 0",
        "a=ice-lite",
        "m=video 9 UDP/TLS/RTP/SAVPF " + pt,
        "c=IN IP4 127.0.0.1",
        "a=mid:0",
        "a=sendonly",
        "a=rtcp-mux",
        "a=ice-ufrag:abcd",
        "a=ice-pwd:abcdefghijklmnopqrstuvwx",
        "a=fingerprint:sha-256 " + fingerprint,
        "a=setup:passive",
        "a=rtpmap:" + pt + " H264/90000",
        "a=candidate:1 1 udp 2130706431 127.0.0.1 9 typ host",
        "a=end-of-candidates",
        "");
  }
}
