package io.camappliance.kvs;

import java.time.Clock;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocketFactory;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Opens PutMedia connections; the TLS trust is the connector's choice. */
@FunctionalInterface
public interface PutMediaConnector {

  PutMediaConnection open(
      PutMediaRequest request,
      Supplier<? extends AwsCredentialsIdentity> credentials,
      PutMediaListener listener)
      throws PutMediaException;

  /** Connections trusting the JVM's default CA certificates (the real service). */
  static PutMediaConnector standard() {
    return PutMediaConnection::open;
  }

  /** Connections trusting what {@code tls} trusts (for example a local emulator's CA). */
  static PutMediaConnector with(SSLSocketFactory tls) {
    return (request, credentials, listener) ->
        PutMediaConnection.open(request, credentials, listener, Clock.systemUTC(), tls);
  }
}
