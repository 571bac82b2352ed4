package io.camappliance.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camappliance.emulator.iot.DeviceTls;
import io.camappliance.emulator.iot.KeyFormat;
import io.camappliance.emulator.iot.KeyType;
import io.camappliance.emulator.iot.ProvisionedDevice;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.AccessDeniedException;

/**
 * The whole device path against the emulator: a provisioned certificate gets session credentials
 * from the IoT provider over mutual TLS, and the AWS SDK signs KVS calls with them, which may touch
 * only the stream named after the thing.
 */
class IotCredentialsSignKvsCallsTest {

  @Test
  void sessionCredentialsFromTheIotProviderWorkOnlyOnTheThingsOwnStream(@TempDir Path dir)
      throws Exception {
    try (Emulator emulator = Emulator.start(EmulatorSettings.defaults(dir.resolve("data")))) {
      EmulatorSettings s = emulator.settings();
      try (KinesisVideoClient admin =
          KinesisVideoClient.builder()
              .endpointOverride(emulator.endpoint())
              .region(Region.of(s.region()))
              .credentialsProvider(
                  StaticCredentialsProvider.create(
                      software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                          s.accessKeyId(), s.secretAccessKey())))
              .httpClient(UrlConnectionHttpClient.create())
              .build()) {
        admin.createStream(b -> b.streamName("cam-1").dataRetentionInHours(24));
        admin.createStream(b -> b.streamName("cam-2").dataRetentionInHours(24));
      }

      ProvisionedDevice device =
          emulator
              .iot()
              .provision(
                  "cam-1", "camera-role-alias", KeyType.EC, KeyFormat.PKCS8, dir.resolve("dev"));
      HttpResponse<String> r =
          DeviceTls.get(
              DeviceTls.sslContext(
                  device.certificateFile(), device.privateKeyFile(), device.caFile()),
              URI.create(
                  "https://localhost:"
                      + emulator.iotPort()
                      + "/role-aliases/camera-role-alias/credentials"),
              "cam-1");
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode c = new ObjectMapper().readTree(r.body()).get("credentials");
      AwsSessionCredentials session =
          AwsSessionCredentials.create(
              c.get("accessKeyId").asText(),
              c.get("secretAccessKey").asText(),
              c.get("sessionToken").asText());

      try (KinesisVideoClient device1 = client(emulator, session)) {
        assertThat(device1.describeStream(b -> b.streamName("cam-1")).streamInfo().streamName())
            .isEqualTo("cam-1");
        assertThat(
                device1
                    .getDataEndpoint(b -> b.streamName("cam-1").apiName("PUT_MEDIA"))
                    .dataEndpoint())
            .isEqualTo(emulator.endpoint().toString());
        assertThatThrownBy(() -> device1.describeStream(b -> b.streamName("cam-2")))
            .isInstanceOf(AccessDeniedException.class);
      }
    }
  }

  private static KinesisVideoClient client(Emulator emulator, AwsSessionCredentials credentials) {
    return KinesisVideoClient.builder()
        .endpointOverride(emulator.endpoint())
        .region(Region.of(emulator.settings().region()))
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
