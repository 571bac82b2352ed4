package io.camappliance.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.camappliance.media.PackagedFrame;
import io.camappliance.media.StreamHeader;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packager thread's hand-off copies into the preallocated ring and allocates nothing. */
class RecorderAllocationTest {
  @TempDir Path dir;

  @Test
  void handingOverAFrameAllocatesNothingOnTheCallersThread() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs per-thread allocation");
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
    StreamHeader h = TestMkv.syntheticHeader(1);
    ByteBuffer bytes = ByteBuffer.wrap(new byte[2000]);
    PackagedFrame frame = new PackagedFrame();
    long now = System.currentTimeMillis();
    try (Recorder rec =
        Recorder.start(RecordingSettings.defaults(dir).withFsyncPerFragment(false))) {
      rec.onHeader(h);
      for (int i = 0; i < 2000; i++) { // warm up
        frame.set(bytes, i == 0, now, now, 33, i, 0, h);
        rec.onFrame(frame);
      }
      rec.awaitDrained(Duration.ofSeconds(5));
      long tid = Thread.currentThread().getId();
      long before = mx.getThreadAllocatedBytes(tid);
      for (int i = 0; i < 500; i++) {
        frame.set(bytes, false, now, now, 33, i, 0, h);
        rec.onFrame(frame);
      }
      long allocated = mx.getThreadAllocatedBytes(tid) - before;
      assertThat(allocated).isLessThan(1024); // the measuring call itself may cost a few bytes
      rec.awaitDrained(Duration.ofSeconds(5));
    }
  }
}
