package io.camappliance.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code [iot]}: where the device gets short-lived AWS credentials (the AWS IoT credentials
 * provider, mutual TLS with the device certificate). Required when {@code kvs.enabled} unless
 * static credentials are set.
 *
 * @param credentialsEndpoint {@code host[:port]} of the credentials provider ({@code
 *     <prefix>.credentials.iot.<region>.amazonaws.com}); empty by default
 * @param roleAlias the IoT role alias naming the IAM role to assume; empty by default
 * @param thingName the thing attached to the certificate; when not set it is {@code
 *     kvs.stream_name}, as the KVS GStreamer sink ({@code kvssink}) does
 * @param certificate the device certificate (PEM); checked to exist and be readable when loaded
 * @param privateKey the device's private key (PEM); checked likewise
 * @param ca the CA bundle that authenticates the endpoint (PEM, e.g. {@code AmazonRootCA1.pem});
 *     checked likewise
 * @param staticCredentials fixed credentials for development; when present the IoT settings above
 *     are not needed
 */
public record IotConfig(
    String credentialsEndpoint,
    String roleAlias,
    String thingName,
    Optional<Path> certificate,
    Optional<Path> privateKey,
    Optional<Path> ca,
    Optional<StaticCredentials> staticCredentials) {

  public static final IotConfig DEFAULTS =
      new IotConfig(
          "", "", "", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  public boolean usesStaticCredentials() {
    return staticCredentials.isPresent();
  }
}
