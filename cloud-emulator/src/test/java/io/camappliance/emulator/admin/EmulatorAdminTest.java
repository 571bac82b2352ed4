package io.camappliance.emulator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.emulator.Emulator;
import io.camappliance.emulator.EmulatorSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The admin API as the emulator wires it. */
@Timeout(30)
class EmulatorAdminTest {
  @TempDir Path dir;

  @Test
  void restartBringsTheEmulatorBackOnTheSamePort() throws Exception {
    try (Emulator e = Emulator.start(EmulatorSettings.defaults(dir))) {
      int port = e.port();
      AdminClient admin = new AdminClient(e.endpoint());
      admin.restart();
      assertThat(e.port()).isEqualTo(port);
      assertThat(admin.streams()).isEmpty();
      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(e.endpoint() + "/health")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void putMediaIsRegisteredAndRefusesAnUnsignedRequest() throws Exception {
    try (Emulator e = Emulator.start(EmulatorSettings.defaults(dir))) {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(e.endpoint() + "/putMedia"))
                      .header("x-amzn-stream-name", "nope")
                      .header("x-amzn-fragment-timecode-type", "ABSOLUTE")
                      .POST(HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      // Authentication comes first, as on the service: an unsigned request never learns whether
      // the stream exists.
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.headers().firstValue("x-amzn-ErrorType"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("MissingAuthenticationTokenException"));
    }
  }

  @Test
  void answersAStreamingPutMediaOnItsHeadersBeforeAnyBodyArrives() throws Exception {
    try (Emulator e = Emulator.start(EmulatorSettings.defaults(dir));
        java.net.Socket socket = new java.net.Socket("127.0.0.1", e.port())) {
      socket.setSoTimeout(5_000);
      socket
          .getOutputStream()
          .write(
              ("POST /putMedia HTTP/1.1\r\nHost: 127.0.0.1\r\nx-amzn-stream-name: nope\r\n"
                      + "x-amzn-fragment-timecode-type: ABSOLUTE\r\n"
                      + "Transfer-Encoding: chunked\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      byte[] head = new byte[12];
      int n = socket.getInputStream().readNBytes(head, 0, head.length);
      assertThat(new String(head, 0, n, java.nio.charset.StandardCharsets.US_ASCII))
          .isEqualTo("HTTP/1.1 403");
    }
  }
}
