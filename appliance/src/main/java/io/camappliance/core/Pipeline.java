package io.camappliance.core;

import io.camappliance.config.ApplianceConfig;
import io.camappliance.media.MediaHub;
import io.camappliance.media.PackagedSink;
import io.camappliance.media.SourceException;
import io.camappliance.media.VideoSource;
import io.camappliance.mkv.FragmentMetadata;
import io.camappliance.mkv.Fragmenter;
import io.camappliance.mkv.FragmenterSettings;
import io.camappliance.store.ContentStore;
import io.camappliance.store.EvictionListener;
import io.camappliance.store.StoreLimits;
import io.camappliance.store.TrimPolicy;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media path, composed and started in one place: camera → hub → MKV fragmenter → content store
 * and local recording. Closing stops the camera first, lets the fragmenter finish the frames it
 * already has, ends the stream (the last fragment is complete), and then closes the consumers.
 */
final class Pipeline implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

  /** Frames the fragmenter may fall behind the camera before it skips to the next IDR. */
  private static final int FRAGMENTER_QUEUE_SECONDS = 2;

  /** The store's slot count allows this many frames per second of buffer duration. */
  private static final int STORE_FRAMES_PER_SECOND_BUDGET = 120;

  private final VideoSource source;
  private final MediaHub hub = new MediaHub();
  private final ContentStore store;
  private final RecordingHandle recording;
  private final Fragmenter fragmenter;
  private MediaHub.Subscription subscription;
  private boolean closed;
  private boolean captureStopped;

  /**
   * @param retentionHoursInCloud the KVS stream's retention, which decides when the store trims
   * @param fragmentLog where to print a line per completed fragment, or null
   * @param evictions where fragments evicted before the service acknowledged them go (the uplink's
   *     disk backlog), or null
   */
  Pipeline(
      ApplianceConfig config,
      VideoSource source,
      long retentionHoursInCloud,
      PrintStream fragmentLog,
      EvictionListener evictions)
      throws Exception {
    this.source = source;
    this.store =
        new ContentStore(
            new StoreLimits(
                config.store().maxMegabytes() * 1024L * 1024L,
                config.store().maxDurationSeconds() * 1000L,
                config.store().maxDurationSeconds() * STORE_FRAMES_PER_SECOND_BUDGET),
            TrimPolicy.forRetentionHours(retentionHoursInCloud),
            evictions);
    this.recording = RecordingHandle.open(config.recording());
    List<PackagedSink> sinks = new ArrayList<>();
    sinks.add(store);
    if (recording != null) {
      sinks.add(recording.sink());
    }
    if (fragmentLog != null) {
      sinks.add(new FragmentLog(fragmentLog));
    }
    FragmenterSettings settings =
        new FragmenterSettings(
            config.fragments().minDurationMillis(),
            config.fragments().maxDurationMillis(),
            FragmenterSettings.DEFAULTS.idrGraceMillis());
    this.fragmenter =
        new Fragmenter(settings, new FragmentMetadata(), source::requestKeyframe, sinks);
    this.fpsForQueue = config.camera().fps();
  }

  private final int fpsForQueue;

  /**
   * Starts the camera; frames flow until {@link #close}.
   *
   * @param frameLimit after this many frames no more enter the pipeline and {@code onLimit} runs; 0
   *     for no limit
   */
  void start(long frameLimit, Runnable onLimit) throws SourceException {
    subscription = hub.subscribe("fragmenter", fpsForQueue * FRAGMENTER_QUEUE_SECONDS, fragmenter);
    source.start(frameLimit > 0 ? new FrameLimit(frameLimit, hub, onLimit) : hub);
    log.info("streaming from {}", source.describe());
  }

  /** The hub, for consumers added later (and tests that count frames). */
  MediaHub hub() {
    return hub;
  }

  VideoSource source() {
    return source;
  }

  Fragmenter fragmenter() {
    return fragmenter;
  }

  ContentStore store() {
    return store;
  }

  RecordingHandle recording() {
    return recording;
  }

  long framesDroppedByHub() {
    return subscription == null ? 0 : subscription.dropped();
  }

  /**
   * Stops the camera and lets the fragmenter finish the frames it already has, so the last fragment
   * is complete in the store and the recording; the store stays open for the uploader to drain.
   * {@link #close} does the rest.
   */
  synchronized void stopCapture() {
    if (captureStopped) {
      return;
    }
    captureStopped = true;
    source.close();
    if (subscription != null) {
      subscription.close();
    }
    fragmenter.end();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopCapture();
    if (recording != null) {
      recording.close();
    }
    store.close();
    hub.close();
  }
}
