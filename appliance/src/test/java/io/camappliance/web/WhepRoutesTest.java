package io.camappliance.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The WHEP HTTP contract (WHIP's mechanics, RFC 9725 section 4) against a fake handler. */
@Timeout(30)
class WhepRoutesTest {
  private static final String OFFER = "v=0\r\no=- 7 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
  private static final String CANDIDATE =
      "a=ice-ufrag:abcd\r\na=ice-pwd:0123456789abcdef012345\r\nm=video 9 UDP/TLS/RTP/SAVPF 0\r\n"
          + "a=mid:0\r\na=candidate:1 1 udp 2130706431 192.0.2.1 50000 typ host\r\n";

  private final FakeWhep whep = new FakeWhep();
  private WebServer server;
  private Http http;

  @BeforeEach
  void start() {
    server = WebServer.start("127.0.0.1", 0, Optional.empty(), Map::of, whep);
    http = new Http(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void answersAnOfferWith201TheSdpAnswerAndTheSessionLocation() throws Exception {
    HttpResponse<String> r = http.post("/whep", "application/sdp", OFFER);

    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/sdp");
    assertThat(r.headers().firstValue("Location")).hasValue("/whep/s1");
    assertThat(r.headers().firstValue("Accept-Patch")).hasValue("application/trickle-ice-sdpfrag");
    assertThat(r.body()).isEqualTo(FakeWhep.ANSWER);
    assertThat(whep.offers).containsExactly(OFFER);
    assertThat(whep.remoteAddresses).containsExactly("127.0.0.1");
  }

  @Test
  void acceptsAnSdpContentTypeWithParameters() throws Exception {
    assertThat(http.post("/whep", "Application/SDP; charset=utf-8", OFFER).statusCode())
        .isEqualTo(201);
  }

  @Test
  void refusesAnOfferThatIsNotSdpWith415AndNamesTheAcceptedType() throws Exception {
    HttpResponse<String> r = http.post("/whep", "application/json", "{}");

    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(r.headers().firstValue("Accept-Post")).hasValue("application/sdp");
    assertThat(r.body()).contains("application/sdp");
    assertThat(whep.offers).isEmpty();
  }

  @Test
  void appliesATrickleIceFragmentWith204() throws Exception {
    http.post("/whep", "application/sdp", OFFER);

    HttpResponse<String> r = http.patch("/whep/s1", "application/trickle-ice-sdpfrag", CANDIDATE);

    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.body()).isEmpty();
    assertThat(whep.fragments).containsExactly(CANDIDATE);
  }

  @Test
  void refusesAPatchThatIsNotAnSdpFragmentWith415() throws Exception {
    http.post("/whep", "application/sdp", OFFER);

    HttpResponse<String> r = http.patch("/whep/s1", "application/sdp", CANDIDATE);

    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(r.headers().firstValue("Accept-Patch")).hasValue("application/trickle-ice-sdpfrag");
    assertThat(whep.fragments).isEmpty();
  }

  @Test
  void deletesASessionWith200AndThenNoLongerKnowsIt() throws Exception {
    http.post("/whep", "application/sdp", OFFER);

    assertThat(http.delete("/whep/s1").statusCode()).isEqualTo(200);
    assertThat(whep.deleted).containsExactly("s1");
    HttpResponse<String> again = http.delete("/whep/s1");
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(again.body()).isEqualTo("No WHEP session s1");
  }

  @Test
  void answersPatchAndDeleteOfAnUnknownSessionWith404() throws Exception {
    assertThat(http.patch("/whep/nope", "application/trickle-ice-sdpfrag", CANDIDATE).statusCode())
        .isEqualTo(404);
    assertThat(http.delete("/whep/nope").statusCode()).isEqualTo(404);
  }

  @Test
  void answersASessionIdNoAnswerCouldHaveIssuedWith404WithoutAskingTheHandler() throws Exception {
    String id = "x".repeat(129);
    assertThat(http.delete("/whep/" + id).statusCode()).isEqualTo(404);
    assertThat(http.delete("/whep/a%20b").statusCode()).isEqualTo(404);
    assertThat(whep.deleted).isEmpty();
  }

  @Test
  void answersAHandlerRefusalWithItsStatusReasonAndRetryAfterRoundedUp() throws Exception {
    whep.refusal = WhepException.viewerLimit(4, Duration.ofMillis(4500));

    HttpResponse<String> r = http.post("/whep", "application/sdp", OFFER);

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(r.body()).isEqualTo("Viewer limit reached (4 viewers); try again later");
    assertThat(r.headers().firstValue("Retry-After")).hasValue("5");
  }

  @Test
  void sendsNoRetryAfterWhenTheRefusalHasNone() throws Exception {
    whep.refusal = new WhepException(400, "The offer has no H.264 video");

    HttpResponse<String> r = http.post("/whep", "application/sdp", OFFER);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("The offer has no H.264 video");
    assertThat(r.headers().firstValue("Retry-After")).isEmpty();
  }

  @Test
  void answersAHandlerCrashWith500WithoutItsMessage() throws Exception {
    whep.crash = new IllegalStateException("secret internal detail");

    HttpResponse<String> r = http.post("/whep", "application/sdp", OFFER);

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).doesNotContain("secret");
  }

  @Test
  void refusesADeclaredBodyOverTheLimitWith413() throws Exception {
    String big = "a=x\r\n".repeat(WebServer.MAX_BODY_BYTES / 5 + 1);

    HttpResponse<String> r = http.post("/whep", "application/sdp", big);

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(whep.offers).isEmpty();
  }

  @Test
  void refusesAChunkedBodyOverTheLimitWith413() throws Exception {
    byte[] big = new byte[WebServer.MAX_BODY_BYTES + 1];
    Arrays.fill(big, (byte) 'a');

    HttpResponse<String> r =
        http.send(
            http.request("/whep")
                .header("Content-Type", "application/sdp")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(whep.offers).isEmpty();
  }

  @Test
  void acceptsABodyOfExactlyTheLimit() throws Exception {
    String exact = "a".repeat(WebServer.MAX_BODY_BYTES);

    assertThat(http.post("/whep", "application/sdp", exact).statusCode()).isEqualTo(201);
    assertThat(whep.offers.get(0)).hasSize(WebServer.MAX_BODY_BYTES);
  }
}
