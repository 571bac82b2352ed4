package io.camappliance.emulator;

import io.camappliance.emulator.putmedia.PutMediaSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How an emulator instance runs.
 *
 * @param port the KVS APIs' HTTP port (0: any free port)
 * @param iotPort the IoT credentials provider's mutual-TLS port (0: any free port)
 * @param dataDir where streams, fragments, things and certificates live; they survive a restart
 * @param region the region in ARNs and the one SigV4 signatures must name
 * @param accountId the account in ARNs
 * @param accessKeyId a static access key accepted alongside issued session credentials
 * @param secretAccessKey its secret
 * @param credentialLifetime lifetime of credentials the IoT provider issues (the service's default
 *     is 3600 s; tests use short ones)
 * @param maxConnectionDuration a PutMedia connection older than this gets ERROR 4003 (45 min)
 * @param putMedia PutMedia's quotas and timeouts (idle, fragment size and duration, rates)
 * @param tls serve the KVS APIs over HTTPS with a certificate from the emulator's CA (default:
 *     plain HTTP)
 */
public record EmulatorSettings(
    int port,
    int iotPort,
    Path dataDir,
    String region,
    String accountId,
    String accessKeyId,
    String secretAccessKey,
    Duration credentialLifetime,
    Duration maxConnectionDuration,
    PutMediaSettings putMedia,
    boolean tls) {

  public static final String DEFAULT_REGION = "us-west-2";
  public static final String DEFAULT_ACCOUNT = "123456789012";
  public static final String DEFAULT_ACCESS_KEY_ID = "AKIDEMULATOREXAMPLE";
  public static final String DEFAULT_SECRET_ACCESS_KEY = "emulator/secret/key/EXAMPLEKEY";

  /** Defaults on free ports with {@code dataDir}. */
  public static EmulatorSettings defaults(Path dataDir) {
    return new EmulatorSettings(
        0,
        0,
        dataDir,
        DEFAULT_REGION,
        DEFAULT_ACCOUNT,
        DEFAULT_ACCESS_KEY_ID,
        DEFAULT_SECRET_ACCESS_KEY,
        Duration.ofHours(1),
        Duration.ofMinutes(45),
        PutMediaSettings.defaults(),
        false);
  }

  /** The settings before PutMedia's own, PutMedia at its defaults. */
  public EmulatorSettings(
      int port,
      int iotPort,
      Path dataDir,
      String region,
      String accountId,
      String accessKeyId,
      String secretAccessKey,
      Duration credentialLifetime,
      Duration maxConnectionDuration) {
    this(
        port,
        iotPort,
        dataDir,
        region,
        accountId,
        accessKeyId,
        secretAccessKey,
        credentialLifetime,
        maxConnectionDuration,
        PutMediaSettings.defaults(),
        false);
  }

  public EmulatorSettings withPutMedia(PutMediaSettings p) {
    return new EmulatorSettings(
        port,
        iotPort,
        dataDir,
        region,
        accountId,
        accessKeyId,
        secretAccessKey,
        credentialLifetime,
        maxConnectionDuration,
        p,
        tls);
  }

  public EmulatorSettings withTls(boolean t) {
    return new EmulatorSettings(
        port,
        iotPort,
        dataDir,
        region,
        accountId,
        accessKeyId,
        secretAccessKey,
        credentialLifetime,
        maxConnectionDuration,
        putMedia,
        t);
  }

  public EmulatorSettings withCredentialLifetime(Duration lifetime) {
    return new EmulatorSettings(
        port,
        iotPort,
        dataDir,
        region,
        accountId,
        accessKeyId,
        secretAccessKey,
        lifetime,
        maxConnectionDuration,
        putMedia,
        tls);
  }

  /** The same settings with the KVS APIs on {@code kvsPort} (0 picks a free one). */
  public EmulatorSettings withPort(int kvsPort) {
    return new EmulatorSettings(
        kvsPort,
        iotPort,
        dataDir,
        region,
        accountId,
        accessKeyId,
        secretAccessKey,
        credentialLifetime,
        maxConnectionDuration,
        putMedia,
        tls);
  }
}
