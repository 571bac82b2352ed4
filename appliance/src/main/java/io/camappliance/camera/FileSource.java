package io.camappliance.camera;

import io.camappliance.h264.AvcConfigurationRecord;
import io.camappliance.h264.Avcc;
import io.camappliance.h264.H264Exception;
import io.camappliance.media.EncodedFrame;
import io.camappliance.media.FrameSink;
import io.camappliance.media.SourceException;
import io.camappliance.media.VideoSource;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays the H.264 video of a {@code .h264} (Annex-B), {@code .mp4} or {@code .mkv} file without
 * re-encoding. MP4 and Matroska carry AVCC ({@link Avcc}) described by an avcC record ({@link
 * AvcConfigurationRecord}); their packets are rewritten as Annex-B and the record's first SPS and
 * PPS are put in front of IDRs that lack them.
 *
 * <p>Timestamps follow the file's, shifted onto the monotonic clock; raw H.264 has none, so its
 * frames are spaced by the frame rate. When looping, each pass is offset by the previous pass's
 * last timestamp plus one frame, so time keeps moving forward. A packet that is not valid H.264
 * after conversion is dropped, counted in {@link #droppedFrames()}, and the replay goes on.
 */
public final class FileSource implements VideoSource {
  private static final Logger log = LoggerFactory.getLogger(FileSource.class);

  private final Path file;
  private final CameraOptions options;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicBoolean keyframeWarned = new AtomicBoolean();
  private CaptureThread thread;
  private boolean closed;
  private volatile int passes;

  public FileSource(Path file, CameraOptions options) {
    this.file = file;
    this.options = options;
  }

  @Override
  public String describe() {
    return "file "
        + file
        + (options.loop() ? " (loop)" : "")
        + (options.realtime() ? "" : " (fast)");
  }

  @Override
  public synchronized void start(FrameSink sink) throws SourceException {
    if (thread != null || closed) {
      throw new IllegalStateException("file source already started or closed");
    }
    if (!Files.isRegularFile(file)) {
      throw new SourceException("no such file " + file + "; check the file: source setting");
    }
    if (!Files.isReadable(file)) {
      throw new SourceException("cannot read " + file + "; give the service user read permission");
    }
    Demuxer first = openDemuxer();
    try {
      configurationRecord(first.extradata());
    } catch (SourceException e) {
      first.close();
      throw e;
    }
    thread = new CaptureThread("camera-file", t -> run(t, first, sink));
    log.info("starting {}", describe());
    thread.start();
  }

  private Demuxer openDemuxer() throws SourceException {
    Demuxer d = Demuxer.open(file.toString(), null, Map.of(), "file " + file);
    if (!d.isH264()) {
      d.close();
      throw new SourceException(
          "file "
              + file
              + " holds codec id "
              + d.codecId()
              + ", not H.264; convert it with ffmpeg -c:v libx264 -bf 0");
    }
    return d;
  }

  /**
   * The avcC record an MP4 or Matroska track carries, or null for Annex-B extradata (which starts
   * with a start code, so never with the record's configurationVersion 1).
   */
  private AvcConfigurationRecord configurationRecord(byte[] extradata) throws SourceException {
    if (extradata.length == 0 || extradata[0] != 1) {
      return null;
    }
    try {
      return AvcConfigurationRecord.parse(extradata);
    } catch (H264Exception e) {
      throw new SourceException(
          "file " + file + " has a malformed avcC (codec private data): " + e.getMessage(), e);
    }
  }

  private void run(CaptureThread t, Demuxer firstPass, FrameSink sink) throws SourceException {
    MonotonicClock clock = new MonotonicClock();
    FrameAssembler assembler = null;
    long offset = 0; // added to this pass's timestamps
    long last = Long.MIN_VALUE; // last timestamp handed out, relative to the clock's anchor
    ByteBuffer annexB = ByteBuffer.allocate(0);
    Demuxer d = firstPass;
    try {
      while (t.running()) {
        passes++;
        double rate = d.frameRate() > 0 ? d.frameRate() : options.fps();
        long frameMicros = Math.max(1, Math.round(1_000_000 / rate));
        if (assembler == null) {
          // A stream whose size FFmpeg could not tell gets the configured size.
          boolean sized = d.width() > 0 && d.height() > 0;
          assembler =
              new FrameAssembler(
                  sized ? d.width() : options.width(),
                  sized ? d.height() : options.height(),
                  (int) Math.max(1, Math.round(rate)));
        }
        byte[] extra = d.extradata();
        AvcConfigurationRecord record = configurationRecord(extra);
        int lengthSize = 0;
        if (record != null) {
          lengthSize = record.lengthSize();
          assembler.parameterSets(record.sps().get(0), record.pps().get(0));
        } else if (extra.length > 0) {
          assembler.parameterSetsFromAnnexB(extra);
        }
        // A raw H.264 file has no timestamps; the demuxer invents them at its default 25 fps,
        // so space its frames by the rate the stream itself declares instead.
        boolean rawStream = d.formatName().equals("h264");
        long first = Long.MIN_VALUE;
        long passLast = last;
        int n;
        while (t.running() && (n = d.read()) >= 0) {
          long ts = rawStream ? Long.MIN_VALUE : d.timestampMicros();
          long rel;
          if (ts == Long.MIN_VALUE) {
            rel = passLast == Long.MIN_VALUE ? offset : passLast + frameMicros;
          } else {
            if (first == Long.MIN_VALUE) {
              first = ts;
            }
            rel = offset + ts - first;
          }
          int len = n;
          byte[] au = d.data();
          if (lengthSize > 0) {
            try {
              int size = Avcc.annexBSize(au, 0, n, lengthSize);
              if (annexB.capacity() < size) {
                annexB = ByteBuffer.allocate(Math.max(size, annexB.capacity() * 2));
              }
              annexB.clear();
              len = Avcc.toAnnexB(au, 0, n, lengthSize, annexB);
              au = annexB.array();
            } catch (H264Exception e) {
              drop(n, "is not valid length-prefixed H.264: " + e.getMessage());
              passLast = Math.max(passLast, rel);
              continue;
            }
          }
          long pts = clock.anchorMicros() + rel;
          if (options.realtime() && !t.sleepUntil(clock.nanoTimeAt(pts))) {
            return;
          }
          long rejectedBefore = assembler.rejected();
          EncodedFrame frame = assembler.assemble(au, 0, len, pts, MonotonicClock.wallMicros());
          passLast = Math.max(passLast, rel);
          if (assembler.rejected() > rejectedBefore) {
            drop(n, "is not valid Annex-B H.264: " + assembler.lastRejection());
          } else if (frame != null) {
            sink.onFrame(frame);
          }
        }
        d.close();
        if (!t.running() || !options.loop()) {
          log.info("{} ended after pass {}", describe(), passes);
          return;
        }
        last = passLast;
        offset = (last == Long.MIN_VALUE ? offset : last) + frameMicros;
        d = openDemuxer();
      }
    } finally {
      d.close();
    }
  }

  private void drop(int size, String why) {
    long count = dropped.incrementAndGet();
    log.warn(
        "{}: dropped a packet of {} bytes that {} ({} dropped so far)", file, size, why, count);
  }

  /** Packets dropped because they were not valid H.264. */
  public long droppedFrames() {
    return dropped.get();
  }

  /** Whether the replay thread has run to its end (the file ended and no loop was asked). */
  synchronized boolean finished() {
    return thread != null && !thread.isAlive();
  }

  /** How many passes over the file have started (more than one when looping). */
  int passes() {
    return passes;
  }

  /** A file's IDRs are where they are: returns false. */
  @Override
  public boolean requestKeyframe() {
    if (keyframeWarned.compareAndSet(false, true)) {
      log.info("{} cannot make an IDR on request; the file's next one will do", describe());
    }
    return false;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (thread != null) {
      thread.stop();
      log.info("stopped {}", describe());
    }
  }
}
