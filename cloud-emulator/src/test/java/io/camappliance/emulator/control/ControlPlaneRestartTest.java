package io.camappliance.emulator.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.emulator.Emulator;
import io.camappliance.emulator.EmulatorSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.ChannelInfo;
import software.amazon.awssdk.services.kinesisvideo.model.StreamInfo;

/** Streams, tags and channels survive closing the emulator and starting it on the same data. */
class ControlPlaneRestartTest {
  @TempDir Path dir;

  static KinesisVideoClient client(Emulator e) {
    return KinesisVideoClient.builder()
        .endpointOverride(e.endpoint())
        .region(Region.US_WEST_2)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    EmulatorSettings.DEFAULT_ACCESS_KEY_ID,
                    EmulatorSettings.DEFAULT_SECRET_ACCESS_KEY)))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Test
  @Timeout(30)
  void keepsStreamsTagsAndChannelsAcrossARestart() throws Exception {
    StreamInfo stream;
    ChannelInfo channel;
    try (Emulator first = Emulator.start(EmulatorSettings.defaults(dir));
        KinesisVideoClient kvs = client(first)) {
      kvs.createStream(
          r -> r.streamName("cam-0001").dataRetentionInHours(48).tags(Map.of("a", "b")));
      kvs.createSignalingChannel(r -> r.channelName("cam-0001"));
      stream = kvs.describeStream(r -> r.streamName("cam-0001")).streamInfo();
      channel = kvs.describeSignalingChannel(r -> r.channelName("cam-0001")).channelInfo();
    }
    try (Emulator second = Emulator.start(EmulatorSettings.defaults(dir));
        KinesisVideoClient kvs = client(second)) {
      assertThat(kvs.describeStream(r -> r.streamARN(stream.streamARN())).streamInfo())
          .isEqualTo(stream);
      assertThat(kvs.listTagsForStream(r -> r.streamName("cam-0001")).tags())
          .isEqualTo(Map.of("a", "b"));
      assertThat(
              kvs.describeSignalingChannel(r -> r.channelARN(channel.channelARN())).channelInfo())
          .isEqualTo(channel);
      assertThat(second.streams().byName("cam-0001").orElseThrow().dataRetentionInHours())
          .isEqualTo(48);
    }
    assertThat(Thread.getAllStackTraces().keySet())
        .as("server threads left after close()")
        .noneMatch(t -> t.isAlive() && t.getName().startsWith("JettyServerThreadPool"));
  }
}
