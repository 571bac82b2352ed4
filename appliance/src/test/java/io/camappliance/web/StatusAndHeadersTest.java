package io.camappliance.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The status API, the security headers on every kind of response, and start/close. */
@Timeout(30)
class StatusAndHeadersTest {
  record Uploader(String state, long fragmentsAcked) {}

  @Test
  void rendersTheSuppliedStatusAsJsonOnEveryRequest() throws Exception {
    AtomicInteger viewers = new AtomicInteger(1);
    try (WebServer server =
        WebServer.start(
            "127.0.0.1",
            0,
            Optional.empty(),
            () -> {
              Map<String, Object> s = new LinkedHashMap<>();
              s.put("source", "test pattern");
              s.put("resolution", "1280x720");
              s.put("fps", 30);
              s.put("bitrate", 2_000_000);
              s.put("uploader", new Uploader("streaming", 42));
              s.put("recording", Map.of("state", "recording"));
              s.put("viewers", viewers.get());
              return s;
            },
            new FakeWhep())) {
      Http http = new Http(server.port());

      HttpResponse<String> r = http.get("/api/status");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
      JsonNode json = new ObjectMapper().readTree(r.body());
      assertThat(json.get("source").asText()).isEqualTo("test pattern");
      assertThat(json.get("resolution").asText()).isEqualTo("1280x720");
      assertThat(json.get("fps").asInt()).isEqualTo(30);
      assertThat(json.get("bitrate").asLong()).isEqualTo(2_000_000);
      assertThat(json.get("uploader").get("state").asText()).isEqualTo("streaming");
      assertThat(json.get("uploader").get("fragmentsAcked").asLong()).isEqualTo(42);
      assertThat(json.get("recording").get("state").asText()).isEqualTo("recording");
      assertThat(json.get("viewers").asInt()).isEqualTo(1);

      viewers.set(3);
      JsonNode again = new ObjectMapper().readTree(http.get("/api/status").body());
      assertThat(again.get("viewers").asInt()).isEqualTo(3);
    }
  }

  @Test
  void answersAFailingStatusSupplierWith500() throws Exception {
    try (WebServer server =
        WebServer.start(
            "127.0.0.1",
            0,
            Optional.empty(),
            () -> {
              throw new IllegalStateException("boom");
            },
            new FakeWhep())) {
      HttpResponse<String> r = new Http(server.port()).get("/api/status");
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.body()).doesNotContain("boom");
    }
  }

  @Test
  void putsTheSecurityHeadersOnPagesApiWhepStaticFilesAndRefusals() throws Exception {
    try (WebServer open =
            WebServer.start("127.0.0.1", 0, Optional.empty(), Map::of, new FakeWhep());
        WebServer locked =
            WebServer.start("127.0.0.1", 0, Optional.of("t"), Map::of, new FakeWhep())) {
      Http http = new Http(open.port());
      List<HttpResponse<String>> responses =
          List.of(
              http.get("/"),
              http.get("/live"),
              http.get("/api/status"),
              http.get("/static/live.js"),
              http.post("/whep", "application/sdp", "v=0\r\n"),
              http.post("/whep", "text/plain", "v=0\r\n"),
              http.delete("/whep/unknown"),
              new Http(locked.port()).get("/"));
      for (HttpResponse<String> r : responses) {
        String what = r.request().method() + " " + r.uri() + " -> " + r.statusCode();
        assertThat(r.headers().firstValue("Content-Security-Policy"))
            .as(what)
            .hasValue(WebServer.CONTENT_SECURITY_POLICY);
        assertThat(r.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
        assertThat(r.headers().firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
      }
      assertThat(WebServer.CONTENT_SECURITY_POLICY)
          .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'")
          .doesNotContain("unsafe");
      assertThat(responses.get(2).headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(responses.get(4).headers().firstValue("Cache-Control")).hasValue("no-store");
    }
  }

  @Test
  void pagesHaveNoInlineScriptStyleOrEventHandlerTheirPolicyWouldBlock() throws Exception {
    try (WebServer server =
        WebServer.start("127.0.0.1", 0, Optional.empty(), Map::of, new FakeWhep())) {
      Http http = new Http(server.port());
      for (String page : new String[] {"/", "/live"}) {
        String html = http.get(page).body();
        Matcher scripts =
            Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(html);
        int count = 0;
        while (scripts.find()) {
          count++;
          assertThat(scripts.group(1)).as(page).contains("src=\"/static/");
          assertThat(scripts.group(2)).as(page).isBlank();
        }
        assertThat(count).as(page).isEqualTo(2);
        assertThat(html).as(page).doesNotContainPattern("<style|\\sstyle=|\\son[a-z]+=|https?://");
        assertThat(html).as(page).contains("<html lang=\"en\">", "name=\"viewport\"");
      }
    }
  }

  @Test
  void closeReleasesThePortAndItsThreadsAndMayBeRepeated() throws Exception {
    WebServer server = WebServer.start("127.0.0.1", 0, Optional.empty(), Map::of, new FakeWhep());
    int port = server.port();
    assertThat(port).isPositive();
    new Http(port).get("/");

    server.close();
    server.close();

    try (ServerSocket again =
        new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().startsWith("web-") && t.isAlive());
  }

  @Test
  void failsToStartOnABusyPortNamingTheAddressAndPort() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      int port = busy.getLocalPort();
      assertThatThrownBy(
              () -> WebServer.start("127.0.0.1", port, Optional.empty(), Map::of, new FakeWhep()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("127.0.0.1:" + port);
    }
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().startsWith("web-") && t.isAlive());
  }

  @Test
  void refusesAPortOutOfRange() {
    assertThatThrownBy(
            () -> WebServer.start("127.0.0.1", 65536, Optional.empty(), Map::of, new FakeWhep()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("65536");
  }
}
