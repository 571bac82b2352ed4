package io.camappliance.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camappliance.config.ApplianceConfig;
import io.camappliance.media.SourceException;
import io.camappliance.media.VideoSource;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the pipeline for a configuration and keeps it running until a frame limit is reached or
 * the process is asked to stop (SIGTERM, Ctrl-C), then closes everything in order and prints a
 * summary.
 */
final class Runner {
  private static final Logger log = LoggerFactory.getLogger(Runner.class);

  private static final long STATS_INTERVAL_SECONDS = 5;

  private static final long UPLOAD_LOG_INTERVAL_SECONDS = 60;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Cloud retention assumed when nothing is uploaded (the store then only feeds recording). */
  private static final long DEFAULT_RETENTION_HOURS = 24;

  private Runner() {}

  /**
   * @param frameLimit stop after this many frames; 0 runs until stopped
   * @return the process exit code
   */
  static int runUntilStopped(
      ApplianceConfig config, long frameLimit, boolean printFragments, PrintStream out)
      throws Exception {
    VideoSource source;
    try {
      source = CameraSetup.open(config.camera());
    } catch (IllegalArgumentException e) {
      out.println("camera setting error: " + e.getMessage());
      return 2;
    }
    Uplink uplink = Uplink.open(config);
    Pipeline pipeline =
        new Pipeline(
            config,
            source,
            uplink == null ? DEFAULT_RETENTION_HOURS : config.kvs().retentionHours(),
            printFragments ? out : null,
            uplink == null ? null : uplink.backlog());
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              pipeline.stopCapture();
              closeUplink(uplink);
              pipeline.close();
            },
            "shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    ScheduledExecutorService stats =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "stats");
              t.setDaemon(true);
              return t;
            });
    long started = System.nanoTime();
    try {
      pipeline.start(frameLimit, stop::countDown);
    } catch (SourceException e) {
      out.println("camera error: " + e.getMessage());
      pipeline.close();
      closeUplink(uplink);
      removeHook(hook);
      return 3;
    }
    if (uplink != null) {
      uplink.start(pipeline.store());
    }
    LiveView live = LiveView.startOrWarn(config.web(), pipeline, uplink, out);
    stats.scheduleAtFixedRate(
        () -> out.println(StatusLine.of(pipeline, uplink, started)),
        STATS_INTERVAL_SECONDS,
        STATS_INTERVAL_SECONDS,
        TimeUnit.SECONDS);
    if (uplink != null) {
      stats.scheduleAtFixedRate(
          () -> logUploadStatus(uplink),
          UPLOAD_LOG_INTERVAL_SECONDS,
          UPLOAD_LOG_INTERVAL_SECONDS,
          TimeUnit.SECONDS);
    }
    stop.await();
    stats.shutdownNow();
    if (live != null) {
      live.close();
    }
    pipeline.stopCapture();
    closeUplink(uplink);
    pipeline.close();
    out.println("stopped: " + StatusLine.of(pipeline, uplink, started));
    removeHook(hook);
    return 0;
  }

  /** The uploader's state, backlog and metrics as one JSON log line (journald keeps it). */
  private static void logUploadStatus(Uplink uplink) {
    try {
      log.info("upload status {}", JSON.writeValueAsString(uplink.status()));
    } catch (JsonProcessingException | RuntimeException e) {
      log.warn("could not log the upload status", e);
    }
  }

  private static void closeUplink(Uplink uplink) {
    if (uplink != null) {
      uplink.close();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      log.debug("shutting down: the hook is already running");
    }
  }
}
