package io.camappliance.emulator.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.emulator.Emulator;
import io.camappliance.emulator.EmulatorSettings;
import io.camappliance.emulator.sigv4.TestRequests;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input per API, with the exact answer: status, error type and message. */
class ControlPlaneValidationTest {
  @TempDir static Path dir;
  static Emulator emulator;
  static String streamArn;
  static String channelArn;

  @BeforeAll
  static void start() throws Exception {
    emulator = Emulator.start(EmulatorSettings.defaults(dir));
    streamArn =
        emulator.streams().createStream("s1", null, null, null, 1, java.util.Map.of()).streamArn();
    channelArn =
        emulator
            .streams()
            .createChannel("c1", "SINGLE_MASTER", 60, java.util.Map.of())
            .channelArn();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  static final String IAE = "InvalidArgumentException";

  static String v(String value, String at, String constraint) {
    return "1 validation error detected: Value "
        + value
        + " at '"
        + at
        + "' failed to satisfy constraint: Member must "
        + constraint;
  }

  static Stream<Arguments> badInputs() {
    String longName = "n".repeat(257);
    return Stream.of(
        // CreateStream
        Arguments.of("/createStream", "{}", 400, IAE, v("null", "streamName", "not be null")),
        Arguments.of(
            "/createStream",
            "{\"StreamName\":\"\"}",
            400,
            IAE,
            v("''", "streamName", "have length greater than or equal to 1")),
        Arguments.of(
            "/createStream",
            "{\"StreamName\":\"" + longName + "\"}",
            400,
            IAE,
            "at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 256"),
        Arguments.of(
            "/createStream",
            "{\"StreamName\":\"a/b\"}",
            400,
            IAE,
            v("'a/b'", "streamName", "satisfy regular expression pattern: [a-zA-Z0-9_.-]+")),
        Arguments.of(
            "/createStream",
            "{\"StreamName\":\"x\",\"DataRetentionInHours\":-1}",
            400,
            IAE,
            v("-1", "dataRetentionInHours", "have value greater than or equal to 0")),
        Arguments.of(
            "/createStream",
            "{\"StreamName\":\"x\",\"DataRetentionInHours\":\"1\"}",
            400,
            IAE,
            "Value \"1\" at 'dataRetentionInHours' is not an integer."),
        Arguments.of(
            "/createStream",
            "{\"StreamName\":\"x\",\"MediaType\":\"h264\"}",
            400,
            IAE,
            "Value 'h264' at 'mediaType' failed to satisfy constraint: Member must satisfy regular expression pattern"),
        Arguments.of(
            "/createStream",
            "{\"StreamName\":\"x\",\"DeviceName\":\"" + "d".repeat(129) + "\"}",
            400,
            IAE,
            "at 'deviceName' failed to satisfy constraint: Member must have length less than or equal to 128"),
        Arguments.of(
            "/createStream",
            "{\"StreamName\":\"x\",\"Tags\":{\"\":\"v\"}}",
            400,
            IAE,
            v("''", "tags.key", "have length greater than or equal to 1")),
        Arguments.of(
            "/createStream",
            "{\"StreamName\":\"x\",\"Tags\":{\"k\":\"" + "v".repeat(257) + "\"}}",
            400,
            IAE,
            "at 'tags.value' failed to satisfy constraint: Member must have length less than or equal to 256"),
        Arguments.of(
            "/createStream",
            "{\"StreamName\":\"x\",\"Tags\":{\"a*b\":\"v\"}}",
            400,
            IAE,
            v(
                "'a*b'",
                "tags.key",
                "satisfy regular expression pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$")),
        Arguments.of(
            "/createStream",
            "{\"StreamName\":\"s1\"}",
            400,
            "ResourceInUseException",
            "The stream s1 already exists."),
        Arguments.of(
            "/createStream", "{\"StreamName\":", 400, IAE, "The request body is not valid JSON"),
        Arguments.of(
            "/createStream", "[1]", 400, IAE, "The request body must be a JSON object, got ARRAY"),
        // DescribeStream
        Arguments.of(
            "/describeStream", "{}", 400, IAE, "Either StreamName or StreamARN must be specified."),
        Arguments.of(
            "/describeStream",
            "{\"StreamARN\":\"arn:aws:s3:::bucket\"}",
            400,
            IAE,
            "Value 'arn:aws:s3:::bucket' at 'streamARN' failed to satisfy constraint: Member must satisfy regular expression pattern"),
        Arguments.of(
            "/describeStream",
            "{\"StreamName\":\"nope\"}",
            404,
            "ResourceNotFoundException",
            "The requested stream is not found or not active."),
        Arguments.of(
            "/describeStream",
            "{\"StreamName\":\"s2\",\"StreamARN\":\"STREAM_ARN\"}",
            400,
            IAE,
            "StreamName s2 and StreamARN"),
        // ListStreams
        Arguments.of(
            "/listStreams",
            "{\"MaxResults\":0}",
            400,
            IAE,
            v("0", "maxResults", "have value greater than or equal to 1")),
        Arguments.of(
            "/listStreams",
            "{\"MaxResults\":10001}",
            400,
            IAE,
            v("10001", "maxResults", "have value less than or equal to 10000")),
        Arguments.of(
            "/listStreams",
            "{\"NextToken\":\"a b\"}",
            400,
            IAE,
            v("'a b'", "nextToken", "satisfy regular expression pattern: [a-zA-Z0-9+/=]*")),
        Arguments.of(
            "/listStreams",
            "{\"StreamNameCondition\":{\"ComparisonOperator\":\"ENDS_WITH\",\"ComparisonValue\":\"a\"}}",
            400,
            IAE,
            v(
                "'ENDS_WITH'",
                "streamNameCondition.comparisonOperator",
                "satisfy enum value set: [BEGINS_WITH]")),
        Arguments.of(
            "/listStreams",
            "{\"StreamNameCondition\":{\"ComparisonValue\":\"\"}}",
            400,
            IAE,
            v(
                "''",
                "streamNameCondition.comparisonValue",
                "have length greater than or equal to 1")),
        // DeleteStream
        Arguments.of(
            "/deleteStream",
            "{\"StreamName\":\"s1\"}",
            400,
            IAE,
            v("null", "streamARN", "not be null")),
        Arguments.of(
            "/deleteStream",
            "{\"StreamARN\":\"STREAM_ARN\",\"CurrentVersion\":\"x-y\"}",
            400,
            IAE,
            v("'x-y'", "currentVersion", "satisfy regular expression pattern: [a-zA-Z0-9]+")),
        Arguments.of(
            "/deleteStream",
            "{\"StreamARN\":\"STREAM_ARN\",\"CurrentVersion\":\"old\"}",
            400,
            "VersionMismatchException",
            "The stream version old is not the latest version."),
        Arguments.of(
            "/deleteStream",
            "{\"StreamARN\":\"arn:aws:kinesisvideo:us-west-2:123456789012:stream/s1/1\"}",
            404,
            "ResourceNotFoundException",
            "The requested stream is not found or not active."),
        // UpdateDataRetention
        Arguments.of(
            "/updateDataRetention",
            "{\"StreamName\":\"s1\",\"Operation\":\"INCREASE_DATA_RETENTION\",\"DataRetentionChangeInHours\":1}",
            400,
            IAE,
            v("null", "currentVersion", "not be null")),
        Arguments.of(
            "/updateDataRetention",
            "{\"StreamName\":\"s1\",\"CurrentVersion\":\"v\",\"Operation\":\"GROW\",\"DataRetentionChangeInHours\":1}",
            400,
            IAE,
            v(
                "'GROW'",
                "operation",
                "satisfy enum value set: [INCREASE_DATA_RETENTION, DECREASE_DATA_RETENTION]")),
        Arguments.of(
            "/updateDataRetention",
            "{\"StreamName\":\"s1\",\"CurrentVersion\":\"v\",\"Operation\":\"INCREASE_DATA_RETENTION\",\"DataRetentionChangeInHours\":0}",
            400,
            IAE,
            v("0", "dataRetentionChangeInHours", "have value greater than or equal to 1")),
        Arguments.of(
            "/updateDataRetention",
            "{\"StreamName\":\"s1\",\"CurrentVersion\":\"v\",\"Operation\":\"INCREASE_DATA_RETENTION\",\"DataRetentionChangeInHours\":1}",
            400,
            "VersionMismatchException",
            "The stream version v is not the latest version."),
        // GetDataEndpoint
        Arguments.of(
            "/getDataEndpoint",
            "{\"StreamName\":\"s1\"}",
            400,
            IAE,
            v("null", "aPIName", "not be null")),
        Arguments.of(
            "/getDataEndpoint",
            "{\"StreamName\":\"s1\",\"APIName\":\"PUT\"}",
            400,
            IAE,
            "Value 'PUT' at 'aPIName' failed to satisfy constraint: Member must satisfy enum value set: [PUT_MEDIA, GET_MEDIA,"),
        // Tags
        Arguments.of(
            "/tagStream", "{\"StreamName\":\"s1\"}", 400, IAE, v("null", "tags", "not be null")),
        Arguments.of(
            "/tagStream",
            "{\"StreamName\":\"s1\",\"Tags\":{}}",
            400,
            IAE,
            v("of size 0", "tags", "have length greater than or equal to 1")),
        Arguments.of(
            "/untagStream",
            "{\"StreamName\":\"s1\",\"TagKeyList\":[]}",
            400,
            IAE,
            v("of size 0", "tagKeyList", "have length greater than or equal to 1")),
        Arguments.of(
            "/untagStream",
            "{\"StreamName\":\"s1\",\"TagKeyList\":[\"\"]}",
            400,
            IAE,
            v("''", "tagKeyList.1", "have length greater than or equal to 1")),
        Arguments.of(
            "/listTagsForStream",
            "{\"StreamName\":\"nope\"}",
            404,
            "ResourceNotFoundException",
            "The requested stream is not found or not active."),
        // Signaling channels
        Arguments.of(
            "/createSignalingChannel",
            "{\"ChannelName\":\"c 2\"}",
            400,
            IAE,
            v("'c 2'", "channelName", "satisfy regular expression pattern: [a-zA-Z0-9_.-]+")),
        Arguments.of(
            "/createSignalingChannel",
            "{\"ChannelName\":\"c2\",\"ChannelType\":\"MESH\"}",
            400,
            IAE,
            v("'MESH'", "channelType", "satisfy enum value set: [SINGLE_MASTER, FULL_MESH]")),
        Arguments.of(
            "/createSignalingChannel",
            "{\"ChannelName\":\"c2\",\"ChannelType\":\"FULL_MESH\"}",
            400,
            IAE,
            "ChannelType FULL_MESH is not supported; use SINGLE_MASTER."),
        Arguments.of(
            "/createSignalingChannel",
            "{\"ChannelName\":\"c2\",\"SingleMasterConfiguration\":{\"MessageTtlSeconds\":4}}",
            400,
            IAE,
            v(
                "4",
                "singleMasterConfiguration.messageTtlSeconds",
                "have value greater than or equal to 5")),
        Arguments.of(
            "/createSignalingChannel",
            "{\"ChannelName\":\"c2\",\"SingleMasterConfiguration\":{\"MessageTtlSeconds\":121}}",
            400,
            IAE,
            v(
                "121",
                "singleMasterConfiguration.messageTtlSeconds",
                "have value less than or equal to 120")),
        Arguments.of(
            "/createSignalingChannel",
            "{\"ChannelName\":\"c2\",\"Tags\":[{\"Key\":\"k\"}]}",
            400,
            IAE,
            v("null", "tags.1.value", "not be null")),
        Arguments.of(
            "/createSignalingChannel",
            "{\"ChannelName\":\"c1\"}",
            400,
            "ResourceInUseException",
            "The signaling channel c1 already exists."),
        Arguments.of(
            "/describeSignalingChannel",
            "{\"ChannelName\":\"nope\"}",
            404,
            "ResourceNotFoundException",
            "The requested channel is not found or not active."),
        Arguments.of(
            "/getSignalingChannelEndpoint", "{}", 400, IAE, v("null", "channelARN", "not be null")),
        Arguments.of(
            "/getSignalingChannelEndpoint",
            "{\"ChannelARN\":\"CHANNEL_ARN\",\"SingleMasterChannelEndpointConfiguration\":{\"Protocols\":[\"UDP\"]}}",
            400,
            IAE,
            v(
                "'UDP'",
                "singleMasterChannelEndpointConfiguration.protocols.1",
                "satisfy enum value set:")),
        Arguments.of(
            "/getSignalingChannelEndpoint",
            "{\"ChannelARN\":\"CHANNEL_ARN\",\"SingleMasterChannelEndpointConfiguration\":{\"Role\":\"PEER\"}}",
            400,
            IAE,
            v(
                "'PEER'",
                "singleMasterChannelEndpointConfiguration.role",
                "satisfy enum value set: [MASTER, VIEWER]")),
        Arguments.of(
            "/getSignalingChannelEndpoint",
            "{\"ChannelARN\":\"CHANNEL_ARN\",\"SingleMasterChannelEndpointConfiguration\":{\"Protocols\":[]}}",
            400,
            IAE,
            v(
                "of size 0",
                "singleMasterChannelEndpointConfiguration.protocols",
                "have length greater than or equal to 1")),
        Arguments.of(
            "/getSignalingChannelEndpoint",
            "{\"ChannelARN\":\"arn:aws:kinesisvideo:us-west-2:123456789012:channel/c9/1\"}",
            404,
            "ResourceNotFoundException",
            "The requested channel is not found or not active."),
        Arguments.of(
            "/deleteSignalingChannel",
            "{\"ChannelARN\":\"CHANNEL_ARN\",\"CurrentVersion\":\"old\"}",
            400,
            "VersionMismatchException",
            "The channel version old is not the latest version."),
        Arguments.of(
            "/listSignalingChannels",
            "{\"MaxResults\":10001}",
            400,
            IAE,
            v("10001", "maxResults", "have value less than or equal to 10000")),
        // GetIceServerConfig
        Arguments.of(
            "/v1/get-ice-server-config", "{}", 400, IAE, v("null", "channelARN", "not be null")),
        Arguments.of(
            "/v1/get-ice-server-config",
            "{\"ChannelARN\":\"CHANNEL_ARN\",\"Service\":\"STUN\"}",
            400,
            IAE,
            v("'STUN'", "service", "satisfy enum value set: [TURN]")),
        Arguments.of(
            "/v1/get-ice-server-config",
            "{\"ChannelARN\":\"CHANNEL_ARN\",\"ClientId\":\"a b\"}",
            400,
            IAE,
            v("'a b'", "clientId", "satisfy regular expression pattern: [a-zA-Z0-9_.-]+")),
        Arguments.of(
            "/v1/get-ice-server-config",
            "{\"ChannelARN\":\"arn:aws:kinesisvideo:us-west-2:123456789012:channel/c9/1\"}",
            404,
            "ResourceNotFoundException",
            "The requested channel is not found or not active."));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("badInputs")
  void answersBadInputWithTheServicesError(
      String path, String body, int status, String type, String message) throws Exception {
    String b = body.replace("STREAM_ARN", streamArn).replace("CHANNEL_ARN", channelArn);
    HttpResponse<String> r = TestRequests.signedPost(emulator, path, b);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("x-amzn-ErrorType"))
        .hasValue(type + ":" + ErrorResponse.NAMESPACE);
    String quoted =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(r.body())
            .get("Message")
            .asText();
    assertThat(quoted).contains(message);
  }
}
