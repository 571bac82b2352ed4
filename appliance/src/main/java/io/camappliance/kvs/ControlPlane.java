package io.camappliance.kvs;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClientBuilder;
import software.amazon.awssdk.services.kinesisvideo.model.APIName;
import software.amazon.awssdk.services.kinesisvideo.model.AccessDeniedException;
import software.amazon.awssdk.services.kinesisvideo.model.ClientLimitExceededException;
import software.amazon.awssdk.services.kinesisvideo.model.NotAuthorizedException;
import software.amazon.awssdk.services.kinesisvideo.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesisvideo.model.Status;
import software.amazon.awssdk.services.kinesisvideo.model.StreamInfo;

/**
 * The KVS control-plane calls the uploader makes, through the AWS SDK v2 (KVS PutMedia reference
 * §1): DescribeStream, CreateStream when allowed, and GetDataEndpoint for PUT_MEDIA, cached and
 * fetched again after {@link #invalidateEndpoint()} (an {@code InvalidEndpointException} or a
 * failed connection) and at least every {@link #ENDPOINT_MAX_AGE}.
 *
 * <p>Errors are classified once into {@link StreamSetupException}s whose messages say what to fix.
 * Called from the uploader's thread only.
 */
public final class ControlPlane implements AutoCloseable {
  /** The data endpoint is fetched again at least this often. */
  public static final Duration ENDPOINT_MAX_AGE = Duration.ofMinutes(45);

  private final KinesisVideoClient client;
  private final String region;
  private final Clock clock;
  private final AtomicLong endpointFetches = new AtomicLong();
  private URI endpoint;
  private String endpointStream;
  private Instant endpointFetchedAt = Instant.MIN;

  ControlPlane(KinesisVideoClient client, String region, Clock clock) {
    this.client = client;
    this.region = region;
    this.clock = clock;
  }

  /**
   * @param endpointOverride the control-plane endpoint (a local emulator), or null for AWS's
   */
  public static ControlPlane create(
      String region, URI endpointOverride, AwsCredentialsProvider credentials) {
    KinesisVideoClientBuilder b =
        KinesisVideoClient.builder()
            .region(Region.of(region))
            .credentialsProvider(credentials)
            .httpClient(UrlConnectionHttpClient.create());
    if (endpointOverride != null) {
      b.endpointOverride(endpointOverride);
    }
    return new ControlPlane(b.build(), region, Clock.systemUTC());
  }

  /**
   * Describes the stream, creating it first when it does not exist and {@code createIfMissing}.
   *
   * @param retentionHours and {@code mediaType} are used only when creating
   */
  public StreamDescription ensureStream(
      String streamName, boolean createIfMissing, int retentionHours, String mediaType)
      throws StreamSetupException {
    try {
      return describe(client.describeStream(r -> r.streamName(streamName)).streamInfo());
    } catch (ResourceNotFoundException e) {
      if (!createIfMissing) {
        throw new StreamSetupException(
            ErrorClass.STREAM_STOPPED,
            "stream "
                + streamName
                + " does not exist in "
                + region
                + ": create it, or set kvs.create_stream = true",
            e);
      }
    } catch (SdkException e) {
      throw classify("DescribeStream", streamName, e);
    }
    try {
      client.createStream(
          r -> r.streamName(streamName).dataRetentionInHours(retentionHours).mediaType(mediaType));
      return describe(client.describeStream(r -> r.streamName(streamName)).streamInfo());
    } catch (SdkException e) {
      throw classify("CreateStream", streamName, e);
    }
  }

  /** The PUT_MEDIA data endpoint, from the cache while it is fresh. */
  public URI putMediaEndpoint(String streamName) throws StreamSetupException {
    Instant now = clock.instant();
    if (endpoint != null
        && streamName.equals(endpointStream)
        && now.isBefore(endpointFetchedAt.plus(ENDPOINT_MAX_AGE))) {
      return endpoint;
    }
    try {
      String url =
          client
              .getDataEndpoint(r -> r.streamName(streamName).apiName(APIName.PUT_MEDIA))
              .dataEndpoint();
      endpointFetches.incrementAndGet();
      endpoint = URI.create(url);
      endpointStream = streamName;
      endpointFetchedAt = now;
      return endpoint;
    } catch (SdkException e) {
      throw classify("GetDataEndpoint", streamName, e);
    }
  }

  /** Forgets the cached data endpoint, so the next connection asks for it again. */
  public void invalidateEndpoint() {
    endpoint = null;
  }

  /** How many times the data endpoint was fetched (for metrics and tests). */
  public long endpointFetches() {
    return endpointFetches.get();
  }

  private static StreamDescription describe(StreamInfo info) throws StreamSetupException {
    if (info.status() == Status.DELETING) {
      throw new StreamSetupException(
          ErrorClass.STREAM_STOPPED, "stream " + info.streamName() + " is being deleted", null);
    }
    return new StreamDescription(
        info.streamName(),
        info.streamARN(),
        info.mediaType(),
        info.dataRetentionInHours() == null ? 0 : info.dataRetentionInHours());
  }

  /** One place decides what a failed call means (STYLE: classify, then decide retries). */
  private StreamSetupException classify(String call, String streamName, SdkException e) {
    // The role alias's policy does not allow the call on this stream: a person must fix it.
    if (e instanceof AccessDeniedException || e instanceof NotAuthorizedException) {
      return new StreamSetupException(
          ErrorClass.AUTH,
          call
              + " on stream "
              + streamName
              + " was refused: allow kinesisvideo:"
              + call
              + " on it in the IAM role behind the IoT role alias ("
              + e.getMessage()
              + ")",
          e);
    }
    // Too many calls: back off and try again.
    if (e instanceof ClientLimitExceededException) {
      return new StreamSetupException(
          ErrorClass.THROTTLED, call + " on " + streamName + " was throttled", e);
    }
    // Anything else (network, 5xx, expired credentials): retry with backoff.
    return new StreamSetupException(
        ErrorClass.RECONNECT, call + " on " + streamName + " failed: " + e.getMessage(), e);
  }

  @Override
  public void close() {
    client.close();
  }
}
