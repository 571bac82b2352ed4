package io.camappliance.emulator.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camappliance.emulator.Emulator;
import io.camappliance.emulator.EmulatorSettings;
import io.camappliance.emulator.sigv4.TestRequests;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IceServerConfigTest {
  @TempDir Path dir;

  @Test
  void answersTurnServersOnTheEmulatorsHostWithFreshCredentials() throws Exception {
    try (Emulator e = Emulator.start(EmulatorSettings.defaults(dir))) {
      String arn =
          e.streams().createChannel("cam-0001", "SINGLE_MASTER", 60, Map.of()).channelArn();
      String body =
          "{\"ChannelARN\":\"" + arn + "\",\"ClientId\":\"viewer-1\",\"Service\":\"TURN\"}";
      HttpResponse<String> r = TestRequests.signedPost(e, "/v1/get-ice-server-config", body);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode server = new ObjectMapper().readTree(r.body()).get("IceServerList").get(0);
      assertThat(server.get("Uris"))
          .extracting(JsonNode::asText)
          .containsExactly(
              "turn:127.0.0.1:3478?transport=udp",
              "turn:127.0.0.1:3478?transport=tcp",
              "turns:127.0.0.1:5349?transport=tcp");
      assertThat(server.get("Ttl").asInt()).isBetween(30, 86_400).isEqualTo(300);
      assertThat(server.get("Password").asText()).matches("[a-zA-Z0-9_.-]{1,256}");
      String username = server.get("Username").asText();
      assertThat(username).matches("[a-zA-Z0-9_.-]{1,256}").contains(".cam-0001.");
      long expiry = Long.parseLong(username.substring(0, username.indexOf('.')));
      assertThat(expiry).isGreaterThan(Instant.now().getEpochSecond());

      HttpResponse<String> again = TestRequests.signedPost(e, "/v1/get-ice-server-config", body);
      assertThat(again.body()).isNotEqualTo(r.body());
    }
  }
}
