package io.camappliance.emulator.archive;

import io.camappliance.emulator.control.ErrorResponse;
import io.camappliance.emulator.media.FragmentStore;
import io.javalin.Javalin;
import io.javalin.http.Handler;
import java.time.Duration;

/**
 * The media and archived-media APIs of the emulator (KVS API reference §6, §7.1, §7.2), on the same
 * port as the control plane, as {@code GetDataEndpoint} answers with that port for every API.
 *
 * <pre>
 * POST /getMedia                  → GetMedia
 * POST /listFragments             → ListFragments
 * POST /getMediaForFragmentList   → GetMediaForFragmentList
 * </pre>
 */
public final class ArchiveRoutes {
  private final ListFragments listFragments;
  private final FragmentListMedia fragmentListMedia;
  private final GetMedia getMedia;

  /**
   * @param idleTimeout how long GetMedia waits for a new fragment before it ends its response
   */
  public ArchiveRoutes(MediaStreams streams, FragmentStore store, Duration idleTimeout) {
    this.listFragments = new ListFragments(streams, store);
    this.fragmentListMedia = new FragmentListMedia(streams, store);
    this.getMedia = new GetMedia(streams, store, idleTimeout);
  }

  public void register(Javalin http) {
    http.post("/listFragments", answering(listFragments::handle));
    http.post("/getMediaForFragmentList", answering(fragmentListMedia::handle));
    http.post("/getMedia", answering(getMedia::handle));
  }

  /** Turns the refusals of a handler into the service's error answers (§0.1). */
  public static Handler answering(Handler h) {
    return ctx -> {
      try {
        h.handle(ctx);
      } catch (ArchiveException e) {
        ErrorResponse.send(ctx, e.status(), e.errorType(), e.getMessage());
      } catch (MediaStreams.Denied e) {
        ErrorResponse.send(ctx, e.failure);
      }
    };
  }
}
