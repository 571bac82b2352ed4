package io.camappliance.camera;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.h264.AnnexB;
import io.camappliance.h264.FrameStamp;
import io.camappliance.media.EncodedFrame;
import io.camappliance.media.FrameSink;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Test helpers: a collecting sink and readers for what a frame carries. */
final class Frames {
  private Frames() {}

  /** Collects frames until {@code wanted} have arrived; later frames are ignored. */
  static final class Collector implements FrameSink {
    final List<EncodedFrame> frames = new ArrayList<>();
    private final int wanted;
    private final CountDownLatch done = new CountDownLatch(1);
    private int total;

    Collector(int wanted) {
      this.wanted = wanted;
    }

    @Override
    public synchronized void onFrame(EncodedFrame frame) {
      total++;
      if (frames.size() < wanted) {
        frames.add(frame);
        if (frames.size() == wanted) {
          done.countDown();
        }
      }
    }

    List<EncodedFrame> await() throws InterruptedException {
      assertThat(done.await(20, TimeUnit.SECONDS))
          .as("received %d of %d frames", size(), wanted)
          .isTrue();
      synchronized (this) {
        return List.copyOf(frames);
      }
    }

    /** Every frame received, including those past {@code wanted}. */
    synchronized int total() {
      return total;
    }

    synchronized int size() {
      return frames.size();
    }
  }

  /** The NAL unit types of a frame, in order. */
  static List<Integer> nalTypes(EncodedFrame f) {
    List<Integer> types = new ArrayList<>();
    AnnexB.forEachNalUnit(f.data(), 0, f.length(), (b, o, l) -> types.add(b[o] & 0x1F));
    return types;
  }

  /** Our stamps in a frame (there must be exactly one). */
  static List<FrameStamp> stamps(EncodedFrame f) {
    List<FrameStamp> stamps = new ArrayList<>();
    AnnexB.forEachNalUnit(
        f.data(),
        0,
        f.length(),
        (b, o, l) -> {
          Optional<FrameStamp> s = FrameStamp.fromNalUnit(b, o, l);
          s.ifPresent(stamps::add);
        });
    return stamps;
  }

  static Path writeAnnexB(List<EncodedFrame> frames, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      for (EncodedFrame f : frames) {
        out.write(f.data(), 0, f.length());
      }
    }
    return file;
  }

  static boolean haveTool(String name) {
    try {
      Process p = new ProcessBuilder(name, "-version").redirectErrorStream(true).start();
      p.getInputStream().transferTo(OutputStream.nullOutputStream());
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs a command, returns its stdout; fails the test on a non-zero exit. */
  static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("%s: %s", String.join(" ", command), out).isZero();
    return out;
  }

  /** Names of live threads that belong to a source. */
  static List<String> cameraThreads() {
    List<String> names = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && t.getName().startsWith("camera-")) {
        names.add(t.getName());
      }
    }
    return names;
  }
}
