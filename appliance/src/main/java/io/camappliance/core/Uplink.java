package io.camappliance.core;

import io.camappliance.config.ApplianceConfig;
import io.camappliance.config.IotConfig;
import io.camappliance.config.KvsConfig;
import io.camappliance.config.StaticCredentials;
import io.camappliance.credentials.ClockCheck;
import io.camappliance.credentials.CredentialsCache;
import io.camappliance.credentials.CredentialsException;
import io.camappliance.credentials.CredentialsRequest;
import io.camappliance.credentials.CredentialsSource;
import io.camappliance.credentials.DeviceIdentity;
import io.camappliance.credentials.FetchedCredentials;
import io.camappliance.credentials.IotCredentialsClient;
import io.camappliance.credentials.RefreshPolicy;
import io.camappliance.kvs.ControlPlane;
import io.camappliance.kvs.PutMediaConnector;
import io.camappliance.kvs.UploadCredentials;
import io.camappliance.kvs.UploadState;
import io.camappliance.kvs.Uploader;
import io.camappliance.kvs.UploaderSettings;
import io.camappliance.recording.backlog.DiskBacklog;
import io.camappliance.store.Backlog;
import io.camappliance.store.ContentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way to KVS, composed from {@code [kvs]} and {@code [iot]}: the credentials (the IoT
 * credentials provider through a refreshing cache, or fixed development keys), the control plane,
 * the disk backlog and the uploader. The backlog exists before the pipeline's content store (it is
 * the store's eviction listener); the uploader starts once the store exists.
 */
final class Uplink implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Uplink.class);

  /**
   * No clock before this can be right: the signing code cannot have been built earlier. Replaced by
   * the build date of the image when there is one.
   */
  static final Instant EARLIEST_PLAUSIBLE_CLOCK = Instant.parse("2026-01-01T00:00:00Z");

  private final KvsConfig kvs;
  private final UploadCredentials credentials;
  private final List<AutoCloseable> owned = new ArrayList<>();
  private final DiskBacklog backlog;
  private ControlPlane controlPlane;
  private Uploader uploader;

  private Uplink(KvsConfig kvs, UploadCredentials credentials, DiskBacklog backlog) {
    this.kvs = kvs;
    this.credentials = credentials;
    this.backlog = backlog;
  }

  /** The uplink for {@code config}, or null when {@code [kvs] enabled = false}. */
  static Uplink open(ApplianceConfig config) {
    return open(config, RefreshPolicy.defaults());
  }

  /** As {@link #open(ApplianceConfig)}, refreshing IoT credentials by {@code refresh}. */
  static Uplink open(ApplianceConfig config, RefreshPolicy refresh) {
    KvsConfig kvs = config.kvs();
    if (!kvs.enabled()) {
      return null;
    }
    List<AutoCloseable> owned = new ArrayList<>();
    UploadCredentials credentials = credentials(config.iot(), refresh, owned);
    DiskBacklog backlog =
        kvs.backlogEnabled()
            ? DiskBacklog.open(kvs.backlogDir(), kvs.backlogMaxMegabytes() * 1024L * 1024L)
            : null;
    Uplink u = new Uplink(kvs, credentials, backlog);
    u.owned.addAll(owned);
    return u;
  }

  private static UploadCredentials credentials(
      IotConfig iot, RefreshPolicy refresh, List<AutoCloseable> owned) {
    if (iot.usesStaticCredentials()) {
      StaticCredentials s = iot.staticCredentials().orElseThrow();
      log.warn("Signing with static credentials from [iot] (development only)");
      return UploadCredentials.fixed(s.accessKeyId(), s.secretAccessKey(), s.sessionToken());
    }
    IdentitySource source = new IdentitySource(iot);
    owned.add(source);
    CredentialsCache cache =
        CredentialsCache.start(
            source, new ClockCheck(Version.buildDate().orElse(EARLIEST_PLAUSIBLE_CLOCK)), refresh);
    owned.add(0, cache);
    return UploadCredentials.from(cache);
  }

  /** The store's eviction listener: where fragments go that would otherwise be lost. */
  Backlog backlog() {
    return backlog;
  }

  /** Starts uploading from {@code store}. */
  void start(ContentStore store) {
    controlPlane =
        ControlPlane.create(kvs.region(), kvs.endpoint().orElse(null), credentials.asProvider());
    UploaderSettings settings =
        UploaderSettings.defaults(kvs.streamName(), kvs.region(), kvs.endpoint().orElse(null))
            .withStream(kvs.createStream(), kvs.retentionHours(), kvs.mediaType())
            .withTiming(
                Duration.ofSeconds(kvs.connectionStalenessSeconds()),
                Duration.ofSeconds(kvs.maxLatencySeconds()),
                Duration.ofMinutes(kvs.rotationMinutes()),
                Duration.ofSeconds(kvs.rotationMarginSeconds()));
    uploader =
        Uploader.start(
            settings, store, backlog, controlPlane, credentials, PutMediaConnector.standard());
  }

  UploadState state() {
    return uploader == null ? UploadState.STARTING : uploader.state();
  }

  Uploader uploader() {
    return uploader;
  }

  Map<String, Object> status() {
    return uploader == null ? Map.of("state", UploadState.STARTING.name()) : uploader.status();
  }

  /** Ends the open connection gracefully, then flushes the backlog to disk. */
  @Override
  public void close() {
    if (uploader != null) {
      uploader.close();
    }
    if (controlPlane != null) {
      controlPlane.close();
    }
    for (AutoCloseable c : owned) {
      try {
        c.close();
      } catch (Exception e) {
        log.warn("closing {}", c, e);
      }
    }
    if (backlog != null) {
      backlog.close();
    }
  }

  /**
   * Fetches through the IoT credentials provider, loading the certificate, key and CA files on the
   * first attempt, and again whenever the last attempt failed on them (they could not be loaded, or
   * the TLS handshake was refused): a certificate replaced on the device is picked up by the next
   * retry instead of needing a restart.
   */
  private static final class IdentitySource implements CredentialsSource, AutoCloseable {
    private final IotConfig iot;
    private IotCredentialsClient client;

    IdentitySource(IotConfig iot) {
      this.iot = iot;
    }

    @Override
    public synchronized FetchedCredentials fetch() throws CredentialsException {
      if (client == null) {
        DeviceIdentity identity =
            DeviceIdentity.load(
                iot.certificate().orElseThrow(),
                iot.privateKey().orElseThrow(),
                iot.ca().orElseThrow());
        client =
            IotCredentialsClient.create(
                new CredentialsRequest(iot.credentialsEndpoint(), iot.roleAlias(), iot.thingName()),
                identity);
      }
      try {
        return client.fetch();
      } catch (CredentialsException e) {
        if (e.kind() == CredentialsException.Kind.TLS_REFUSED
            || e.kind() == CredentialsException.Kind.IDENTITY) {
          close();
        }
        throw e;
      }
    }

    @Override
    public synchronized void close() {
      if (client != null) {
        client.close();
        client = null;
      }
    }
  }
}
