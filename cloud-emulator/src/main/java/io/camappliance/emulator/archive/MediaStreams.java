package io.camappliance.emulator.archive;

import io.camappliance.emulator.auth.AuthFailure;
import io.camappliance.emulator.auth.RequestAuthorizer;
import io.camappliance.emulator.streams.Arns;
import io.camappliance.emulator.streams.StreamInfo;
import io.camappliance.emulator.streams.StreamLookup;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The stream a media request names ({@code StreamName} or {@code StreamARN}, exactly one), after
 * its SigV4 signature and scope were checked (KVS API reference §0, §6, §7).
 */
public final class MediaStreams {
  static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

  /** A refusal of the authorizer, carried to the route's error answer. */
  static final class Denied extends RuntimeException {
    final AuthFailure failure;

    Denied(AuthFailure failure) {
      super(failure.message(), null, false, false);
      this.failure = failure;
    }
  }

  private final StreamLookup streams;
  private final RequestAuthorizer authorizer;

  public MediaStreams(StreamLookup streams, RequestAuthorizer authorizer) {
    this.streams = streams;
    this.authorizer = authorizer;
  }

  /**
   * Authorizes the request for the stream its body names and returns the stream.
   *
   * @throws ArchiveException InvalidArgumentException (neither or both named, bad pattern),
   *     ResourceNotFoundException (no such stream, or not ACTIVE)
   */
  public StreamInfo resolve(Context ctx, ArchiveRequest req) {
    String name = req.string("StreamName", false, 1, 256, NAME);
    String arn = req.string("StreamARN", false, 1, 1024, Arns.PATTERN);
    if ((name == null) == (arn == null)) {
      throw ArchiveException.invalidArgument("Specify either StreamName or StreamARN, not both.");
    }
    Optional<AuthFailure> denied = authorizer.authorize(ctx, name != null ? name : Arns.name(arn));
    if (denied.isPresent()) {
      throw new Denied(denied.get());
    }
    return (name != null ? streams.byName(name) : streams.byArn(arn))
        .filter(s -> !s.status().equals("DELETING"))
        .orElseThrow(
            () -> ArchiveException.notFound("The requested stream is not found or not active."));
  }

  /** A stream by name, ACTIVE or being updated, without any authorization (emulator pages). */
  public Optional<StreamInfo> lookup(String streamName) {
    return streams.byName(streamName).filter(s -> !s.status().equals("DELETING"));
  }

  /** Authorizes a request that names its stream outside the body (an HLS session's stream). */
  public void authorize(Context ctx, String streamName) {
    Optional<AuthFailure> denied = authorizer.authorize(ctx, streamName);
    if (denied.isPresent()) {
      throw new Denied(denied.get());
    }
  }
}
