package io.camappliance.emulator.sigv4;

import io.camappliance.emulator.auth.AuthFailure;
import io.camappliance.emulator.auth.RequestAuthorizer;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Optional;

/**
 * {@link RequestAuthorizer} for the media APIs (PutMedia, GetMedia, archived media, signaling): the
 * SigV4 check plus the thing scope, without consuming a streamed body.
 *
 * <p>Payload hash, in order: the value of {@code x-amz-content-sha256} when the client sent it (the
 * Java producer SDK sends {@code UNSIGNED-PAYLOAD}); the SHA-256 of the body for a JSON request of
 * known length (AWS SDK calls such as GetMedia or ListFragments; the body stays readable through
 * {@link Context#body()}); otherwise the SHA-256 of the empty string, as the KVS C producer signs
 * its chunked PutMedia body.
 *
 * <p>The action named in a refusal is the request path's last segment with a capital first letter
 * ({@code /putMedia} → {@code PutMedia}).
 */
public final class SigV4Authorizer implements RequestAuthorizer {
  private final SigV4Verifier verifier;
  private final ThingScope scope;

  public SigV4Authorizer(SigV4Verifier verifier, ThingScope scope) {
    this.verifier = verifier;
    this.scope = scope;
  }

  @Override
  public Optional<AuthFailure> authorize(Context ctx, String streamName) {
    return authorize(ctx, "stream", streamName);
  }

  /**
   * The same check for a signaling channel (the WebSocket handshake, whose presigned URL has no
   * body: the payload hash is the empty string's).
   */
  public Optional<AuthFailure> authorizeChannel(Context ctx, String channelName) {
    return authorize(ctx, "channel", channelName);
  }

  private Optional<AuthFailure> authorize(Context ctx, String resourceType, String name) {
    Verification v = verifier.verify(SignedRequest.of(ctx, payloadHash(ctx)));
    if (!v.ok()) {
      return Optional.of(v.failure());
    }
    return scope.check(v.credential(), action(ctx.path()), resourceType, name, null);
  }

  static String payloadHash(Context ctx) {
    String declared = ctx.header("x-amz-content-sha256");
    if (declared != null) {
      return declared;
    }
    String type = ctx.header("content-type");
    boolean json = type != null && type.toLowerCase(Locale.ROOT).contains("json");
    if (json && ctx.header("content-length") != null) {
      return SigV4.sha256Hex(ctx.bodyAsBytes());
    }
    return SigV4.EMPTY_SHA256;
  }

  static String action(String path) {
    String p = path == null ? "" : path;
    String last = p.substring(p.lastIndexOf('/') + 1);
    if (last.isEmpty()) {
      return "Connect";
    }
    return Character.toUpperCase(last.charAt(0)) + last.substring(1);
  }
}
