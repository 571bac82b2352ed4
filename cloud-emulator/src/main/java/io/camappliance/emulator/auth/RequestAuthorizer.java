package io.camappliance.emulator.auth;

import io.javalin.http.Context;
import java.util.Optional;

/**
 * Checks a KVS request's SigV4 signature (header or presigned-query form) and that its credential
 * may act on the named stream. The media APIs (PutMedia, GetMedia, archived media) call it before
 * they touch the body.
 */
@FunctionalInterface
public interface RequestAuthorizer {

  /**
   * @param streamName the stream the request acts on (null when it names none)
   * @return the refusal, or empty when the request may go on
   */
  Optional<AuthFailure> authorize(Context ctx, String streamName);
}
