package io.camappliance.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulatorTest {

  @Test
  void startsOnAFreePortAndStops(@TempDir Path dir) throws Exception {
    int port;
    try (Emulator e = Emulator.start(EmulatorSettings.defaults(dir))) {
      port = e.port();
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(e.endpoint() + "/health")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
    }
    assertThat(port).isPositive();
  }
}
