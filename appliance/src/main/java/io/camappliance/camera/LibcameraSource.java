package io.camappliance.camera;

import io.camappliance.media.EncodedFrame;
import io.camappliance.media.FrameSink;
import io.camappliance.media.SourceException;
import io.camappliance.media.VideoSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CSI camera through libcamera: runs {@code rpicam-vid} writing H.264 Annex-B to its stdout, cuts
 * the stream into access units ({@link AccessUnitSplitter}) and timestamps them on arrival. When
 * the process dies it is restarted with exponential backoff ({@link Backoff}); frame numbers and
 * timestamps carry on across restarts.
 *
 * <p>rpicam-vid encodes on the Pi's hardware encoder (software on a Pi 5) with inline headers, no
 * B-frames and the configured intra period. It offers no way to ask for an IDR through the pipe, so
 * {@link #requestKeyframe()} returns false.
 */
public final class LibcameraSource implements VideoSource {
  private static final Logger log = LoggerFactory.getLogger(LibcameraSource.class);
  static final String PROGRAM = "rpicam-vid";
  private static final int STDERR_TAIL_LINES = 5;

  private final CameraOptions options;
  private final String pathEnv;
  private final Backoff backoff;
  private final Object lock = new Object();
  private final AtomicBoolean keyframeWarned = new AtomicBoolean();
  private CaptureThread thread;
  private Process process; // guarded by lock
  private volatile boolean closed; // written under lock
  private Path stderrLog;
  private volatile int restarts;

  public LibcameraSource(CameraOptions options) {
    this(options, System.getenv("PATH"), Backoff.standard());
  }

  LibcameraSource(CameraOptions options, String pathEnv, Backoff backoff) {
    this.options = options;
    this.pathEnv = pathEnv;
    this.backoff = backoff;
  }

  @Override
  public String describe() {
    return "libcamera "
        + options.width()
        + "x"
        + options.height()
        + "@"
        + options.fps()
        + " "
        + options.bitrateKbps()
        + " kbit/s";
  }

  /** The rpicam-vid command line for these options. */
  List<String> command(Path program) {
    List<String> cmd = new ArrayList<>();
    cmd.add(program.toString());
    cmd.addAll(
        List.of(
            "-t",
            "0",
            "--nopreview",
            "--inline",
            "--flush",
            "--codec",
            "h264",
            "--profile",
            options.profile(),
            "--intra",
            Integer.toString(options.gopFrames()),
            "--bitrate",
            Long.toString(options.bitrateKbps() * 1000L),
            "--width",
            Integer.toString(options.width()),
            "--height",
            Integer.toString(options.height()),
            "--framerate",
            Integer.toString(options.fps()),
            "-o",
            "-"));
    return cmd;
  }

  @Override
  public synchronized void start(FrameSink sink) throws SourceException {
    if (thread != null || closed) {
      throw new IllegalStateException("libcamera source already started or closed");
    }
    Path program =
        Executables.find(pathEnv, PROGRAM)
            .orElseThrow(
                () -> new SourceException(PROGRAM + " not found: install the rpicam-apps package"));
    try {
      stderrLog = Files.createTempFile("rpicam-vid", ".log");
    } catch (IOException e) {
      throw new SourceException("cannot create a log file for " + PROGRAM + ": " + e, e);
    }
    List<String> cmd = command(program);
    FrameAssembler assembler = new FrameAssembler(options.width(), options.height(), options.fps());
    MonotonicClock clock = new MonotonicClock();
    thread = new CaptureThread("camera-libcamera", t -> run(t, cmd, assembler, clock, sink));
    log.info("starting {}: {}", describe(), String.join(" ", cmd));
    thread.start();
  }

  private void run(
      CaptureThread t,
      List<String> cmd,
      FrameAssembler assembler,
      MonotonicClock clock,
      FrameSink sink)
      throws IOException, InterruptedException {
    while (t.running()) {
      Process p;
      synchronized (lock) {
        if (closed) {
          return;
        }
        try {
          p =
              new ProcessBuilder(cmd)
                  .redirectError(stderrLog.toFile())
                  .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                  .start();
        } catch (IOException e) {
          p = null;
          log.warn("cannot run {}: {}", cmd.get(0), e.getMessage());
        }
        process = p;
      }
      if (p == null) {
        long delay = backoff.delayAfter(0);
        restarts++;
        log.warn("restart #{} of {} in {} ms", restarts, PROGRAM, delay);
        if (!t.sleepUntil(System.nanoTime() + delay * 1_000_000)) {
          return;
        }
        continue;
      }
      long startNanos = System.nanoTime();
      long rejectedBefore = assembler.rejected();
      try (InputStream in = p.getInputStream()) {
        AccessUnitSplitter splitter = new AccessUnitSplitter(in);
        int n;
        while ((n = splitter.next()) >= 0) {
          EncodedFrame frame =
              assembler.assemble(
                  splitter.buffer(),
                  splitter.offset(),
                  n,
                  clock.nowMicros(),
                  MonotonicClock.wallMicros());
          if (frame != null) {
            sink.onFrame(frame);
          }
        }
      } catch (IOException e) {
        if (t.running()) {
          log.warn("{} output unreadable: {}", PROGRAM, e.getMessage());
        }
      }
      // Its output ended: give it a moment to exit on its own, so the status we log is its own.
      if (!t.running() || !p.waitFor(1, TimeUnit.SECONDS)) {
        p.destroy();
        if (!p.waitFor(2, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          p.waitFor();
        }
      }
      if (!t.running()) {
        return;
      }
      if (assembler.rejected() > rejectedBefore) {
        log.warn(
            "{} access units from {} were not valid H.264 and were dropped",
            assembler.rejected() - rejectedBefore,
            PROGRAM);
      }
      long runMillis = (System.nanoTime() - startNanos) / 1_000_000;
      long delay = backoff.delayAfter(runMillis);
      restarts++;
      log.warn(
          "{} exited with status {} after {} ms ({}); restart #{} in {} ms",
          PROGRAM,
          p.exitValue(),
          runMillis,
          stderrTail(),
          restarts,
          delay);
      if (!t.sleepUntil(System.nanoTime() + delay * 1_000_000)) {
        return;
      }
    }
  }

  private String stderrTail() {
    try {
      List<String> lines = Files.readAllLines(stderrLog);
      int from = Math.max(0, lines.size() - STDERR_TAIL_LINES);
      return lines.isEmpty()
          ? "no error output"
          : String.join(" | ", lines.subList(from, lines.size()));
    } catch (IOException | java.io.UncheckedIOException e) {
      return "error output unreadable: " + e.getMessage();
    }
  }

  /** How many times the process has been restarted. */
  int restarts() {
    return restarts;
  }

  /** Not possible through rpicam-vid's pipe; the next IDR comes with the GOP. */
  @Override
  public boolean requestKeyframe() {
    if (keyframeWarned.compareAndSet(false, true)) {
      log.info(
          "{} cannot be asked for an IDR; the next one comes within {} frames (camera.gop_frames)",
          PROGRAM,
          options.gopFrames());
    }
    return false;
  }

  @Override
  public void close() {
    CaptureThread t;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      if (process != null) {
        process.destroy(); // the reader sees the end of the stream
      }
    }
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      t.stop();
      log.info("stopped {}", describe());
    }
    synchronized (lock) {
      if (process != null && process.isAlive()) {
        process.destroyForcibly();
      }
    }
    if (stderrLog != null) {
      try {
        Files.deleteIfExists(stderrLog);
      } catch (IOException e) {
        log.debug("cannot delete {}", stderrLog, e);
      }
    }
  }
}
