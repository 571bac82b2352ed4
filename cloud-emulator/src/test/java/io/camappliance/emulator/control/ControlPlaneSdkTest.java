package io.camappliance.emulator.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camappliance.emulator.Emulator;
import io.camappliance.emulator.EmulatorSettings;
import io.camappliance.emulator.auth.SigningCredential;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.APIName;
import software.amazon.awssdk.services.kinesisvideo.model.AccessDeniedException;
import software.amazon.awssdk.services.kinesisvideo.model.ChannelProtocol;
import software.amazon.awssdk.services.kinesisvideo.model.ChannelRole;
import software.amazon.awssdk.services.kinesisvideo.model.ChannelType;
import software.amazon.awssdk.services.kinesisvideo.model.ComparisonOperator;
import software.amazon.awssdk.services.kinesisvideo.model.CreateSignalingChannelResponse;
import software.amazon.awssdk.services.kinesisvideo.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisvideo.model.KinesisVideoException;
import software.amazon.awssdk.services.kinesisvideo.model.ListStreamsResponse;
import software.amazon.awssdk.services.kinesisvideo.model.ResourceEndpointListItem;
import software.amazon.awssdk.services.kinesisvideo.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesisvideo.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesisvideo.model.Status;
import software.amazon.awssdk.services.kinesisvideo.model.StreamInfo;
import software.amazon.awssdk.services.kinesisvideo.model.TagsPerResourceExceededLimitException;
import software.amazon.awssdk.services.kinesisvideo.model.UpdateDataRetentionOperation;
import software.amazon.awssdk.services.kinesisvideo.model.VersionMismatchException;

/** The control plane as AWS's own Java SDK v2 client sees it. */
class ControlPlaneSdkTest {
  static final String SESSION_KEY = "ASIAEMULATORSESSION1";
  static final String SESSION_SECRET = "session/secret/EXAMPLE";
  static final String SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLETOKEN";
  static final String THING_KEY = "ASIAEMULATORTHING001";

  @TempDir Path dir;
  Emulator emulator;
  KinesisVideoClient kvs;
  final List<KinesisVideoClient> clients = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    Instant expiry = Instant.now().plus(1, ChronoUnit.HOURS);
    emulator =
        Emulator.start(
            EmulatorSettings.defaults(dir),
            id ->
                switch (id) {
                  case SESSION_KEY ->
                      Optional.of(
                          new SigningCredential(
                              SESSION_KEY, SESSION_SECRET, SESSION_TOKEN, expiry, null));
                  case THING_KEY ->
                      Optional.of(
                          new SigningCredential(
                              THING_KEY, SESSION_SECRET, SESSION_TOKEN, expiry, "cam-0001"));
                  default -> Optional.empty();
                });
    kvs =
        client(
            AwsBasicCredentials.create(
                EmulatorSettings.DEFAULT_ACCESS_KEY_ID,
                EmulatorSettings.DEFAULT_SECRET_ACCESS_KEY));
  }

  KinesisVideoClient client(AwsCredentials credentials) {
    KinesisVideoClient c =
        KinesisVideoClient.builder()
            .endpointOverride(emulator.endpoint())
            .region(Region.US_WEST_2)
            .credentialsProvider(StaticCredentialsProvider.create(credentials))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    clients.add(c);
    return c;
  }

  @AfterEach
  void stop() {
    clients.forEach(KinesisVideoClient::close);
    emulator.close();
  }

  @Test
  void createsDescribesAndListsAStream() {
    String arn =
        kvs.createStream(
                r ->
                    r.streamName("cam-0001")
                        .dataRetentionInHours(24)
                        .mediaType("video/h264")
                        .deviceName("pi-1")
                        .tags(Map.of("site", "garage")))
            .streamARN();
    assertThat(arn)
        .matches("arn:aws:kinesisvideo:us-west-2:123456789012:stream/cam-0001/[0-9]{13}");

    StreamInfo info = kvs.describeStream(r -> r.streamName("cam-0001")).streamInfo();
    assertThat(info.streamARN()).isEqualTo(arn);
    assertThat(info.status()).isEqualTo(Status.ACTIVE);
    assertThat(info.dataRetentionInHours()).isEqualTo(24);
    assertThat(info.mediaType()).isEqualTo("video/h264");
    assertThat(info.deviceName()).isEqualTo("pi-1");
    assertThat(info.version()).matches("[a-zA-Z0-9]{20}");
    assertThat(info.kmsKeyId()).endsWith(":alias/aws/kinesisvideo");
    assertThat(info.creationTime().toEpochMilli())
        .isEqualTo(Long.parseLong(arn.substring(arn.lastIndexOf('/') + 1)));
    assertThat(kvs.describeStream(r -> r.streamARN(arn)).streamInfo()).isEqualTo(info);

    assertThat(kvs.listStreams(r -> {}).streamInfoList()).containsExactly(info);
  }

  @Test
  void listsStreamsPageByPageAndByPrefix() {
    for (String n : List.of("a-1", "a-2", "a-3", "b-1", "a-4")) {
      kvs.createStream(r -> r.streamName(n));
    }
    List<String> names = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String t = token;
      ListStreamsResponse page =
          kvs.listStreams(
              r ->
                  r.maxResults(2)
                      .nextToken(t)
                      .streamNameCondition(
                          c ->
                              c.comparisonOperator(ComparisonOperator.BEGINS_WITH)
                                  .comparisonValue("a-")));
      page.streamInfoList().forEach(s -> names.add(s.streamName()));
      token = page.nextToken();
      pages++;
    } while (token != null);
    assertThat(names).containsExactly("a-1", "a-2", "a-3", "a-4");
    assertThat(pages).isEqualTo(2);
  }

  @Test
  void returnsItselfAsDataEndpointForEveryApi() {
    kvs.createStream(r -> r.streamName("cam-0001"));
    for (APIName api : APIName.knownValues()) {
      assertThat(kvs.getDataEndpoint(r -> r.streamName("cam-0001").apiName(api)).dataEndpoint())
          .as(api.toString())
          .isEqualTo(emulator.endpoint().toString());
    }
    assertThatThrownBy(
            () -> kvs.getDataEndpoint(r -> r.streamName("other").apiName(APIName.PUT_MEDIA)))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("The requested stream is not found or not active.");
  }

  @Test
  void deletesAStreamOnlyAtItsCurrentVersion() {
    String arn = kvs.createStream(r -> r.streamName("cam-0001")).streamARN();
    assertThatThrownBy(() -> kvs.deleteStream(r -> r.streamARN(arn).currentVersion("stale")))
        .isInstanceOf(VersionMismatchException.class);
    String version = kvs.describeStream(r -> r.streamARN(arn)).streamInfo().version();
    kvs.deleteStream(r -> r.streamARN(arn).currentVersion(version));
    assertThatThrownBy(() -> kvs.describeStream(r -> r.streamName("cam-0001")))
        .isInstanceOf(ResourceNotFoundException.class)
        .satisfies(e -> assertThat(((KinesisVideoException) e).statusCode()).isEqualTo(404));
    assertThatThrownBy(() -> kvs.deleteStream(r -> r.streamARN(arn)))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void refusesASecondStreamOfTheSameName() {
    kvs.createStream(r -> r.streamName("cam-0001"));
    assertThatThrownBy(() -> kvs.createStream(r -> r.streamName("cam-0001")))
        .isInstanceOf(ResourceInUseException.class)
        .satisfies(e -> assertThat(((KinesisVideoException) e).statusCode()).isEqualTo(400));
  }

  @Test
  void changesDataRetentionAndVersion() {
    kvs.createStream(r -> r.streamName("cam-0001").dataRetentionInHours(2));
    String v1 = kvs.describeStream(r -> r.streamName("cam-0001")).streamInfo().version();
    kvs.updateDataRetention(
        r ->
            r.streamName("cam-0001")
                .currentVersion(v1)
                .operation(UpdateDataRetentionOperation.INCREASE_DATA_RETENTION)
                .dataRetentionChangeInHours(10));
    StreamInfo after = kvs.describeStream(r -> r.streamName("cam-0001")).streamInfo();
    assertThat(after.dataRetentionInHours()).isEqualTo(12);
    assertThat(after.version()).isNotEqualTo(v1);

    assertThatThrownBy(
            () ->
                kvs.updateDataRetention(
                    r ->
                        r.streamName("cam-0001")
                            .currentVersion(v1)
                            .operation(UpdateDataRetentionOperation.DECREASE_DATA_RETENTION)
                            .dataRetentionChangeInHours(1)))
        .isInstanceOf(VersionMismatchException.class);
    assertThatThrownBy(
            () ->
                kvs.updateDataRetention(
                    r ->
                        r.streamName("cam-0001")
                            .currentVersion(after.version())
                            .operation(UpdateDataRetentionOperation.DECREASE_DATA_RETENTION)
                            .dataRetentionChangeInHours(13)))
        .isInstanceOf(InvalidArgumentException.class);
    kvs.updateDataRetention(
        r ->
            r.streamName("cam-0001")
                .currentVersion(after.version())
                .operation(UpdateDataRetentionOperation.DECREASE_DATA_RETENTION)
                .dataRetentionChangeInHours(12));
    assertThat(
            kvs.describeStream(r -> r.streamName("cam-0001")).streamInfo().dataRetentionInHours())
        .isZero();
  }

  @Test
  void tagsUntagsAndListsStreamTags() {
    kvs.createStream(r -> r.streamName("cam-0001").tags(Map.of("a", "1")));
    kvs.tagStream(r -> r.streamName("cam-0001").tags(Map.of("b", "2", "a", "3")));
    assertThat(kvs.listTagsForStream(r -> r.streamName("cam-0001")).tags())
        .containsExactlyInAnyOrderEntriesOf(Map.of("a", "3", "b", "2"));
    kvs.untagStream(r -> r.streamName("cam-0001").tagKeyList("a", "never-there"));
    assertThat(kvs.listTagsForStream(r -> r.streamName("cam-0001")).tags())
        .containsExactlyInAnyOrderEntriesOf(Map.of("b", "2"));

    Map<String, String> fifty = new java.util.HashMap<>();
    for (int i = 0; i < 50; i++) {
      fifty.put("k" + i, "v");
    }
    assertThatThrownBy(() -> kvs.tagStream(r -> r.streamName("cam-0001").tags(fifty)))
        .isInstanceOf(TagsPerResourceExceededLimitException.class);
  }

  @Test
  void createsDescribesAndLocatesASignalingChannel() {
    CreateSignalingChannelResponse created =
        kvs.createSignalingChannel(
            r ->
                r.channelName("cam-0001")
                    .channelType(ChannelType.SINGLE_MASTER)
                    .singleMasterConfiguration(c -> c.messageTtlSeconds(30)));
    String arn = created.channelARN();
    assertThat(arn)
        .matches("arn:aws:kinesisvideo:us-west-2:123456789012:channel/cam-0001/[0-9]{13}");

    var info = kvs.describeSignalingChannel(r -> r.channelName("cam-0001")).channelInfo();
    assertThat(info.channelARN()).isEqualTo(arn);
    assertThat(info.channelStatusAsString()).isEqualTo("ACTIVE");
    assertThat(info.channelType()).isEqualTo(ChannelType.SINGLE_MASTER);
    assertThat(info.singleMasterConfiguration().messageTtlSeconds()).isEqualTo(30);
    assertThat(info.version()).matches("[a-zA-Z0-9]{20}");

    List<ResourceEndpointListItem> endpoints =
        kvs.getSignalingChannelEndpoint(
                r ->
                    r.channelARN(arn)
                        .singleMasterChannelEndpointConfiguration(
                            c ->
                                c.protocols(ChannelProtocol.WSS, ChannelProtocol.HTTPS)
                                    .role(ChannelRole.VIEWER)))
            .resourceEndpointList();
    String hostPort = "127.0.0.1:" + emulator.port();
    assertThat(endpoints)
        .extracting(
            ResourceEndpointListItem::protocolAsString, ResourceEndpointListItem::resourceEndpoint)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("WSS", "ws://" + hostPort),
            org.assertj.core.groups.Tuple.tuple("HTTPS", "http://" + hostPort));

    assertThatThrownBy(() -> kvs.createSignalingChannel(r -> r.channelName("cam-0001")))
        .isInstanceOf(ResourceInUseException.class);
    assertThat(kvs.listSignalingChannels(r -> {}).channelInfoList()).containsExactly(info);
    kvs.deleteSignalingChannel(r -> r.channelARN(arn));
    assertThatThrownBy(() -> kvs.describeSignalingChannel(r -> r.channelARN(arn)))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void acceptsSessionCredentialsFromTheCredentialLookup() {
    KinesisVideoClient session =
        client(AwsSessionCredentials.create(SESSION_KEY, SESSION_SECRET, SESSION_TOKEN));
    session.createStream(r -> r.streamName("any-stream"));
    assertThat(session.describeStream(r -> r.streamName("any-stream")).streamInfo().streamName())
        .isEqualTo("any-stream");
  }

  @Test
  void thingCredentialsActOnlyOnTheThingsStreamAndChannel() {
    KinesisVideoClient thing =
        client(AwsSessionCredentials.create(THING_KEY, SESSION_SECRET, SESSION_TOKEN));
    thing.createStream(r -> r.streamName("cam-0001"));
    thing.getDataEndpoint(r -> r.streamName("cam-0001").apiName(APIName.PUT_MEDIA));
    thing.createSignalingChannel(r -> r.channelName("cam-0001"));
    kvs.createStream(r -> r.streamName("cam-0002"));

    assertThatThrownBy(() -> thing.describeStream(r -> r.streamName("cam-0002")))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("is not authorized to perform: kinesisvideo:DescribeStream")
        .satisfies(e -> assertThat(((KinesisVideoException) e).statusCode()).isEqualTo(403));
    assertThatThrownBy(() -> thing.createSignalingChannel(r -> r.channelName("cam-0002")))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> thing.listStreams(r -> {})).isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void reportsBadInputAsInvalidArgument() {
    assertThatThrownBy(() -> kvs.createStream(r -> r.streamName("bad name")))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining(
            "1 validation error detected: Value 'bad name' at 'streamName' failed to satisfy"
                + " constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
  }
}
