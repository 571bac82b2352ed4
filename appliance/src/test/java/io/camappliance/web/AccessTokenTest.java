package io.camappliance.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** With a token configured, pages, the API and WHEP answer only requests that carry it. */
@Timeout(30)
class AccessTokenTest {
  private static final String TOKEN = "correct-horse-battery";
  private static final String OFFER = "v=0\r\n";

  private final FakeWhep whep = new FakeWhep();
  private WebServer server;
  private Http http;

  @BeforeEach
  void start() {
    server = WebServer.start("127.0.0.1", 0, Optional.of(TOKEN), () -> Map.of("fps", 30), whep);
    http = new Http(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> offerWith(String authorization) throws Exception {
    HttpRequest.Builder r =
        http.request("/whep")
            .header("Content-Type", "application/sdp")
            .POST(HttpRequest.BodyPublishers.ofString(OFFER));
    if (authorization != null) {
      r.header("Authorization", authorization);
    }
    return http.send(r);
  }

  @Test
  void refusesAnOfferWithoutATokenWith401AndABearerChallenge() throws Exception {
    HttpResponse<String> r = offerWith(null);

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"camera\"");
    assertThat(whep.offers).isEmpty();
  }

  @Test
  void refusesAnOfferWithAWrongTokenWith401AndInvalidToken() throws Exception {
    HttpResponse<String> r = offerWith("Bearer " + TOKEN + "x");

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"camera\", error=\"invalid_token\"");
    assertThat(whep.offers).isEmpty();
  }

  @Test
  void refusesATokenSentWithAnotherScheme() throws Exception {
    assertThat(offerWith("Basic " + TOKEN).statusCode()).isEqualTo(401);
  }

  @Test
  void answersAnOfferWithTheRightBearerToken() throws Exception {
    assertThat(offerWith("Bearer " + TOKEN).statusCode()).isEqualTo(201);
    assertThat(offerWith("bearer " + TOKEN).statusCode()).isEqualTo(201);
  }

  @Test
  void guardsPatchAndDeleteToo() throws Exception {
    offerWith("Bearer " + TOKEN);

    assertThat(http.patch("/whep/s1", "application/trickle-ice-sdpfrag", "a=x\r\n").statusCode())
        .isEqualTo(401);
    assertThat(http.delete("/whep/s1").statusCode()).isEqualTo(401);
    assertThat(whep.sessions).containsExactly("s1");
  }

  @Test
  void guardsTheStatusApiAndAcceptsTheHeaderButNotTheQueryParameterThere() throws Exception {
    assertThat(http.get("/api/status").statusCode()).isEqualTo(401);
    assertThat(http.get("/api/status?token=" + TOKEN).statusCode()).isEqualTo(401);
    HttpResponse<String> ok =
        http.send(http.request("/api/status").header("Authorization", "Bearer " + TOKEN));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("{\"fps\":30}");
  }

  @Test
  void servesThePagesOnlyWithTheTokenInTheQueryOrHeader() throws Exception {
    for (String page : new String[] {"/", "/live"}) {
      assertThat(http.get(page).statusCode()).as(page).isEqualTo(401);
      assertThat(http.get(page + "?token=wrong").statusCode()).as(page).isEqualTo(401);
      HttpResponse<String> ok = http.get(page + "?token=" + TOKEN);
      assertThat(ok.statusCode()).as(page).isEqualTo(200);
      assertThat(ok.body()).as(page).contains("<!doctype html>");
      assertThat(
              http.send(http.request(page).header("Authorization", "Bearer " + TOKEN)).statusCode())
          .as(page)
          .isEqualTo(200);
    }
  }

  @Test
  void servesScriptsAndStylesWithoutTheTokenButNeverAPage() throws Exception {
    for (String file : new String[] {"auth.js", "status.js", "live.js", "style.css", "icon.svg"}) {
      assertThat(http.get("/static/" + file).statusCode()).as(file).isEqualTo(200);
    }
    assertThat(http.get("/static/status.html").statusCode()).isEqualTo(404);
    assertThat(http.get("/static/..%2Flogback.xml").statusCode()).isEqualTo(404);
  }
}
