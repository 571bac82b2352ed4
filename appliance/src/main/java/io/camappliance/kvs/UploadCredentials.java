package io.camappliance.kvs;

import io.camappliance.credentials.CredentialsCache;
import io.camappliance.credentials.CredentialsException;
import io.camappliance.credentials.SessionCredentials;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The credentials the uploader signs with: the IoT credentials provider's short-lived ones through
 * a {@link CredentialsCache} on a device, or fixed ones for development against a local emulator.
 */
public interface UploadCredentials {

  /** How long a control-plane call waits for credentials before it fails. */
  Duration SDK_WAIT = Duration.ofSeconds(30);

  /**
   * The credentials to sign the next request with, waiting up to {@code timeout} for valid ones.
   *
   * @throws CredentialsException none came in time, or the clock cannot be trusted; the kind and
   *     message say why
   */
  AwsCredentialsIdentity current(Duration timeout)
      throws CredentialsException, InterruptedException;

  /** When the credentials {@link #current} returns now expire; {@link Instant#MAX} if never. */
  Instant expiration();

  /**
   * Fetch new credentials as soon as possible: the service refused the last ones, or they expire
   * within the rotation margin and no newer ones came yet.
   */
  void renew();

  /** The same credentials as an AWS SDK provider, for the control-plane client. */
  default AwsCredentialsProvider asProvider() {
    return () -> {
      try {
        return toSdk(current(SDK_WAIT));
      } catch (CredentialsException e) {
        throw new IllegalStateException("no AWS credentials: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for AWS credentials", e);
      }
    };
  }

  private static software.amazon.awssdk.auth.credentials.AwsCredentials toSdk(
      AwsCredentialsIdentity id) {
    if (id instanceof software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity s) {
      return AwsSessionCredentials.create(s.accessKeyId(), s.secretAccessKey(), s.sessionToken());
    }
    return AwsBasicCredentials.create(id.accessKeyId(), id.secretAccessKey());
  }

  /** Short-lived credentials from the IoT credentials provider, refreshed by the cache. */
  static UploadCredentials from(CredentialsCache cache) {
    Objects.requireNonNull(cache, "cache");
    return new UploadCredentials() {
      @Override
      public AwsCredentialsIdentity current(Duration timeout)
          throws CredentialsException, InterruptedException {
        SessionCredentials c = cache.current(timeout);
        return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
      }

      @Override
      public Instant expiration() {
        return cache.latest().map(SessionCredentials::expiration).orElse(Instant.MIN);
      }

      @Override
      public void renew() {
        cache.refreshNow();
      }
    };
  }

  /**
   * Fixed credentials (development only: a local emulator or a test account).
   *
   * @param sessionToken null or empty for long-term keys
   */
  static UploadCredentials fixed(String accessKeyId, String secretAccessKey, String sessionToken) {
    AwsCredentialsIdentity id =
        sessionToken == null || sessionToken.isEmpty()
            ? AwsBasicCredentials.create(accessKeyId, secretAccessKey)
            : AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken);
    return new UploadCredentials() {
      @Override
      public AwsCredentialsIdentity current(Duration timeout) {
        return id;
      }

      @Override
      public Instant expiration() {
        return Instant.MAX;
      }

      @Override
      public void renew() {}
    };
  }
}
