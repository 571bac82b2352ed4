package io.camappliance.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camappliance.webrtc.WhepSessions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * WHEP over HTTP against the running pipeline's live view (two viewers at most, a token): what a
 * client gets for good and bad offers, trickle fragments, deletes, the limit and the token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class LiveViewWhepTest {
  private static final String TOKEN = "0123456789abcdef-token";
  private static final String SDP = "application/sdp";
  private static final String FRAG = "application/trickle-ice-sdpfrag";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private LivePipeline live;
  private final List<String> created = new ArrayList<>();

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    live = new LivePipeline(dir, 2, TOKEN);
  }

  @AfterAll
  void stop() {
    if (live != null) {
      live.close();
    }
  }

  @AfterEach
  void deleteSessions() throws Exception {
    for (String location : created) {
      send(request(location, TOKEN).DELETE());
    }
    created.clear();
    assertThat(sessions().sessionCount()).isZero();
  }

  private WhepSessions sessions() {
    return live.live.sessions();
  }

  private static String chromiumOffer() throws IOException {
    try (InputStream in =
        LiveViewWhepTest.class.getResourceAsStream(
            "/io/camappliance/sdp/chromium-whep-offer.sdp")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(live.url(path))).timeout(Duration.ofSeconds(10));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private HttpResponse<String> send(HttpRequest.Builder r) throws Exception {
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String body, String token) throws Exception {
    HttpResponse<String> r =
        send(
            request("/whep", token)
                .header("Content-Type", SDP)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    if (r.statusCode() == 201) {
      created.add(r.headers().firstValue("Location").orElseThrow());
    }
    return r;
  }

  private HttpResponse<String> patch(String location, String fragment) throws Exception {
    return send(
        request(location, TOKEN)
            .header("Content-Type", FRAG)
            .method("PATCH", HttpRequest.BodyPublishers.ofString(fragment)));
  }

  @Test
  void aBrowserOfferIsAnsweredWithTheCamerasH264OverIceLiteOnTheSharedPort() throws Exception {
    HttpResponse<String> r = post(chromiumOffer(), TOKEN);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> t.startsWith(SDP));
    assertThat(r.headers().firstValue("Location")).hasValueSatisfying(l -> l.startsWith("/whep/"));
    assertThat(r.body())
        .contains("a=ice-lite", "a=setup:passive", "a=sendonly", "H264/90000")
        .contains("127.0.0.1 " + sessions().udpPort() + " typ host")
        .contains("m=audio 0 ");
    assertThat(sessions().sessionCount()).isEqualTo(1);
  }

  @Test
  void trickledCandidatesAreCheckedAndIgnored() throws Exception {
    post(chromiumOffer(), TOKEN);
    String location = created.get(0);
    String good =
        "a=ice-ufrag:Vq4L\r\na=ice-pwd:0123456789abcdefghijkl\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:1\r\n"
            + "a=candidate:1 1 udp 2122260223 192.0.2.1 61764 typ host\r\na=end-of-candidates\r\n";
    assertThat(patch(location, good).statusCode()).isEqualTo(204);

    HttpResponse<String> bad =
        patch(location, "a=candidate:1 1 udp notanumber 192.0.2.1 61764 typ host\r\n");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("Malformed trickle ICE fragment", "notanumber");

    HttpResponse<String> restart =
        patch(location, "a=ice-ufrag:ZZZZ\r\na=ice-pwd:0123456789abcdefghijkl\r\n");
    assertThat(restart.statusCode()).isEqualTo(422);
    assertThat(restart.body()).contains("ICE restart");

    assertThat(patch("/whep/nosuchsession", good).statusCode()).isEqualTo(404);
  }

  @Test
  void deleteEndsTheSessionOnce() throws Exception {
    post(chromiumOffer(), TOKEN);
    String location = created.remove(0);
    assertThat(send(request(location, TOKEN).DELETE()).statusCode()).isEqualTo(200);
    assertThat(sessions().sessionCount()).isZero();
    HttpResponse<String> again = send(request(location, TOKEN).DELETE());
    assertThat(again.statusCode()).isEqualTo(404);
  }

  @Test
  void aMalformedOfferIsRefusedWithTheLineAtFault() throws Exception {
    HttpResponse<String> r = post("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\nm=video x\r\n", TOKEN);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).startsWith("Malformed SDP offer").contains("line 3");
    assertThat(sessions().sessionCount()).isZero();
  }

  @Test
  void aVp8OnlyOfferIsRefusedNamingWhatWasOffered() throws Exception {
    String offer =
        chromiumOffer()
            .replaceAll("(?m)^a=rtpmap:(\\d+) H264/90000", "a=rtpmap:$1 VP9/90000")
            .replaceAll("(?m)^a=rtpmap:(\\d+) AV1/90000", "a=rtpmap:$1 VP8/90000");
    HttpResponse<String> r = post(offer, TOKEN);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("H.264", "the offer had", "VP8");
    assertThat(sessions().sessionCount()).isZero();
  }

  @Test
  void pastTheViewerLimitTheOfferIsRefusedWithRetryAfter() throws Exception {
    assertThat(post(chromiumOffer(), TOKEN).statusCode()).isEqualTo(201);
    assertThat(post(chromiumOffer(), TOKEN).statusCode()).isEqualTo(201);
    HttpResponse<String> r = post(chromiumOffer(), TOKEN);
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(r.body()).contains("Viewer limit reached (2 viewers)");
    assertThat(sessions().sessionCount()).isEqualTo(2);

    send(request(created.remove(0), TOKEN).DELETE());
    assertThat(post(chromiumOffer(), TOKEN).statusCode()).isEqualTo(201);
  }

  @Test
  void withoutTheTokenNothingIsAnswered() throws Exception {
    assertThat(post(chromiumOffer(), null).statusCode()).isEqualTo(401);
    assertThat(post(chromiumOffer(), "wrong-token-0123456789").statusCode()).isEqualTo(401);
    assertThat(send(request("/api/status", null).GET()).statusCode()).isEqualTo(401);
    assertThat(sessions().sessionCount()).isZero();
    HttpResponse<String> status = send(request("/api/status", TOKEN).GET());
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.body()).contains("\"viewers\":0", "test-pattern 640x360@30");
  }

  @Test
  void theStatusShowsSourceResolutionRatesUploaderRecordingAndViewers() throws Exception {
    // The rates need two samples at least a second apart.
    send(request("/api/status", TOKEN).GET());
    Thread.sleep(1500);
    JsonNode s = new ObjectMapper().readTree(send(request("/api/status", TOKEN).GET()).body());
    assertThat(s.path("source").asText()).contains("test-pattern");
    assertThat(s.path("resolution").asText()).isEqualTo("640x360");
    assertThat(s.path("fps").asDouble()).isPositive();
    assertThat(s.path("bitrateKbps").asLong()).isPositive();
    assertThat(s.path("uploader").path("state").asText()).isEqualTo("DISABLED");
    assertThat(s.path("recording").path("state").asText()).isNotEmpty();
    assertThat(s.path("viewers").asInt()).isZero();
  }
}
