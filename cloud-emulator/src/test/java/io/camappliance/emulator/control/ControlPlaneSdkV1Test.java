package io.camappliance.emulator.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.kinesisvideo.AmazonKinesisVideo;
import com.amazonaws.services.kinesisvideo.AmazonKinesisVideoClientBuilder;
import com.amazonaws.services.kinesisvideo.model.CreateStreamRequest;
import com.amazonaws.services.kinesisvideo.model.DescribeStreamRequest;
import com.amazonaws.services.kinesisvideo.model.GetDataEndpointRequest;
import com.amazonaws.services.kinesisvideo.model.ResourceNotFoundException;
import io.camappliance.emulator.Emulator;
import io.camappliance.emulator.EmulatorSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS SDK for Java v1 signs without {@code x-amz-content-sha256}: the control plane hashes the
 * body itself.
 */
class ControlPlaneSdkV1Test {
  @TempDir Path dir;

  @Test
  void servesTheV1ClientWhichSignsTheBodyHashItself() throws Exception {
    try (Emulator e = Emulator.start(EmulatorSettings.defaults(dir))) {
      AmazonKinesisVideo kvs =
          AmazonKinesisVideoClientBuilder.standard()
              .withEndpointConfiguration(
                  new EndpointConfiguration(e.endpoint().toString(), "us-west-2"))
              .withCredentials(
                  new AWSStaticCredentialsProvider(
                      new BasicAWSCredentials(
                          EmulatorSettings.DEFAULT_ACCESS_KEY_ID,
                          EmulatorSettings.DEFAULT_SECRET_ACCESS_KEY)))
              .build();
      try {
        String arn =
            kvs.createStream(
                    new CreateStreamRequest().withStreamName("v1").withDataRetentionInHours(1))
                .getStreamARN();
        assertThat(
                kvs.describeStream(new DescribeStreamRequest().withStreamARN(arn))
                    .getStreamInfo()
                    .getCreationTime()
                    .getTime())
            .isEqualTo(Long.parseLong(arn.substring(arn.lastIndexOf('/') + 1)));
        assertThat(
                kvs.getDataEndpoint(
                        new GetDataEndpointRequest().withStreamName("v1").withAPIName("PUT_MEDIA"))
                    .getDataEndpoint())
            .isEqualTo(e.endpoint().toString());
        assertThatThrownBy(
                () -> kvs.describeStream(new DescribeStreamRequest().withStreamName("x")))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessageContaining("The requested stream is not found or not active.");
      } finally {
        kvs.shutdown();
      }
    }
  }
}
