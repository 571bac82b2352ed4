package io.camappliance.kvs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camappliance.emulator.Emulator;
import io.camappliance.emulator.EmulatorSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;

class ControlPlaneTest {
  private Emulator emulator;
  private KinesisVideoClient client;
  private Instant now = Instant.parse("2026-11-21T10:00:00Z");

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    emulator = Emulator.start(EmulatorSettings.defaults(dir));
    EmulatorSettings s = emulator.settings();
    client =
        KinesisVideoClient.builder()
            .endpointOverride(emulator.endpoint())
            .region(Region.of(s.region()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(s.accessKeyId(), s.secretAccessKey())))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    emulator.close();
  }

  private ControlPlane controlPlane() {
    return new ControlPlane(
        client,
        emulator.settings().region(),
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now;
          }
        });
  }

  @Test
  void createsAMissingStreamWhenAllowedWithTheConfiguredRetention() throws Exception {
    StreamDescription d = controlPlane().ensureStream("cam-1", true, 48, "video/h264");
    assertThat(d.streamName()).isEqualTo("cam-1");
    assertThat(d.dataRetentionInHours()).isEqualTo(48);
    assertThat(d.mediaType()).isEqualTo("video/h264");
    // A second call describes the existing stream instead of creating it again.
    assertThat(controlPlane().ensureStream("cam-1", true, 1, "video/h264").dataRetentionInHours())
        .isEqualTo(48);
  }

  @Test
  void aMissingStreamThatMayNotBeCreatedStopsWithWhatToDo() {
    assertThatThrownBy(() -> controlPlane().ensureStream("nope", false, 24, "video/h264"))
        .isInstanceOfSatisfying(
            StreamSetupException.class,
            e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.STREAM_STOPPED))
        .hasMessageContaining("stream nope does not exist in us-west-2")
        .hasMessageContaining("kvs.create_stream");
  }

  @Test
  void cachesThePutMediaEndpointAndFetchesItAgainWhenStaleOrInvalidated() throws Exception {
    ControlPlane cp = controlPlane();
    cp.ensureStream("cam-1", true, 24, "video/h264");
    assertThat(cp.putMediaEndpoint("cam-1")).isEqualTo(emulator.endpoint());
    cp.putMediaEndpoint("cam-1");
    assertThat(cp.endpointFetches()).isEqualTo(1);
    cp.invalidateEndpoint();
    cp.putMediaEndpoint("cam-1");
    assertThat(cp.endpointFetches()).isEqualTo(2);
    now = now.plus(ControlPlane.ENDPOINT_MAX_AGE).plus(Duration.ofSeconds(1));
    cp.putMediaEndpoint("cam-1");
    assertThat(cp.endpointFetches()).isEqualTo(3);
  }

  @Test
  void aFailedCallIsClassifiedForRetry() {
    ControlPlane cp = controlPlane();
    emulator.close();
    assertThatThrownBy(() -> cp.putMediaEndpoint("cam-1"))
        .isInstanceOfSatisfying(
            StreamSetupException.class,
            e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.RECONNECT))
        .hasMessageContaining("GetDataEndpoint on cam-1 failed");
  }
}
