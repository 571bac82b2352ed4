package io.camappliance.kvs;

import io.camappliance.h264.FrameStamp;
import io.camappliance.media.EncodedFrame;
import io.camappliance.media.FrameSink;
import io.camappliance.mkv.SyntheticFrames;
import java.io.ByteArrayOutputStream;

/**
 * A synthetic camera for upload tests: small H.264-shaped access units, each carrying the frame
 * stamp SEI (capture time and sequence number) the emulator counts frames by, produced on a thread
 * of its own at {@code speed} times real time with timecodes starting {@code behindMillis} in the
 * past (so a faster-than-real-time run never produces timestamps in the future).
 */
final class StampedFrames implements AutoCloseable {
  private final FrameSink sink;
  private final int fps;
  private final int gop;
  private final double speed;
  private final long startMicros;
  private final long total;
  private final Thread thread;
  private volatile boolean stop;
  private volatile boolean paused;
  private volatile long produced;

  StampedFrames(FrameSink sink, int fps, int gop, double speed, long behindMillis, long total) {
    this.sink = sink;
    this.fps = fps;
    this.gop = gop;
    this.speed = speed;
    this.startMicros = (System.currentTimeMillis() - behindMillis) * 1000;
    this.total = total;
    this.thread = new Thread(this::run, "stamped-frames");
    thread.setDaemon(true);
  }

  StampedFrames start() {
    thread.start();
    return this;
  }

  static EncodedFrame frame(long sequence, long ptsMicros, boolean key) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    if (key) {
      nal(b, SyntheticFrames.FORMAT.sps());
      nal(b, SyntheticFrames.FORMAT.pps());
    }
    nal(b, new FrameStamp(ptsMicros, sequence).toNalUnit());
    byte[] slice = new byte[200 + (int) (sequence % 13)];
    slice[0] = (byte) (key ? 0x65 : 0x41);
    for (int i = 1; i < slice.length; i++) {
      slice[i] = (byte) (sequence + i | 0x10);
    }
    nal(b, slice);
    byte[] data = b.toByteArray();
    return new EncodedFrame(
        sequence, ptsMicros, ptsMicros, ptsMicros, key, data, data.length, SyntheticFrames.FORMAT);
  }

  private static void nal(ByteArrayOutputStream b, byte[] nal) {
    b.writeBytes(new byte[] {0, 0, 0, 1});
    b.writeBytes(nal);
  }

  private void run() {
    long t0 = System.nanoTime();
    for (long seq = 0; seq < total && !stop; seq++) {
      while (paused && !stop) {
        sleepMillis(5);
      }
      long mediaMicros = seq * 1_000_000L / fps;
      long due = t0 + (long) (mediaMicros * 1000 / speed);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        sleepMillis(Math.max(1, wait / 1_000_000));
      }
      sink.onFrame(frame(seq, startMicros + mediaMicros, seq % gop == 0));
      produced = seq + 1;
    }
  }

  private static void sleepMillis(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  long produced() {
    return produced;
  }

  /** Waits until every frame was produced. */
  void join() throws InterruptedException {
    thread.join();
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    thread.join(5000);
  }
}
