package io.camappliance.store;

import io.camappliance.media.PackagedFrame;
import io.camappliance.media.StreamHeader;
import io.camappliance.media.VideoFormat;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The store's per-frame cost with realistic frames: 15 KB, 30 fps, a fragment (GOP) every 60
 * frames, a 64 MB arena and a 180 s buffer (the producer SDK's defaults scaled to one camera).
 *
 * <ul>
 *   <li>{@code appendReadAcknowledge}: the streaming steady state, one operation = the packager
 *       appends a frame, the uploader takes it and, at each fragment start, acknowledges the
 *       previous fragment RECEIVED (which trims it).
 *   <li>{@code appendUnderBufferPressure}: the uplink is down, nobody reads; every append past the
 *       limits evicts a fragment (counted, no listener).
 * </ul>
 *
 * The {@code megabytes} counter reports MB/s of frames stored (2^20 bytes). Run with {@code -prof
 * gc}: the target is 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ContentStoreBenchmark {
  private static final int FRAMES_PER_FRAGMENT = 60;
  private static final long FRAME_MILLIS = 33;

  @Param({"15360"})
  public int frameBytes;

  private ContentStore store;
  private final PackagedFrame frame = new PackagedFrame();
  private final StoreItem item = new StoreItem();
  private ByteBuffer src;
  private ByteBuffer dst;
  private StreamHeader header;
  private long sequence;
  private long fragmentTimecode;
  private long previousFragment = -1;

  @Setup(Level.Trial)
  public void setUp() {
    VideoFormat format =
        new VideoFormat("H264", 1280, 720, 30, new byte[] {0x67, 0x42, 0, 0x1f}, new byte[] {0x68});
    header = new StreamHeader(1, format, new byte[64]);
    store =
        new ContentStore(
            new StoreLimits(64L << 20, 180_000, 5400), TrimPolicy.ON_RECEIVED, null);
    store.onHeader(header);
    src = ByteBuffer.allocate(frameBytes);
    for (int i = 0; i < frameBytes; i++) {
      src.put(i, (byte) (i * 31));
    }
    dst = ByteBuffer.allocate(frameBytes);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    store.close();
  }

  private void append() {
    long s = sequence++;
    boolean start = s % FRAMES_PER_FRAGMENT == 0;
    long timecode = 1_700_000_000_000L + s * FRAME_MILLIS;
    if (start) {
      fragmentTimecode = timecode;
    }
    frame.set(src, start, fragmentTimecode, timecode, FRAME_MILLIS, s, timecode * 1000, header);
    store.onFrame(frame);
  }

  /** Frame megabytes stored, reported by JMH as a rate next to ops/s. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Bytes {
    public double megabytes;

    @Setup(Level.Iteration)
    public void reset() {
      megabytes = 0;
    }
  }

  @Benchmark
  public long appendReadAcknowledge(Bytes bytes) throws InterruptedException {
    append();
    bytes.megabytes += frameBytes / 1048576.0;
    dst.clear();
    store.next(item, dst, 0, TimeUnit.NANOSECONDS);
    if (item.fragmentStart()) {
      if (previousFragment >= 0) {
        store.acknowledge(previousFragment, AckKind.RECEIVED);
      }
      previousFragment = item.fragmentTimecodeMillis();
    }
    return item.sequence();
  }

  @Benchmark
  public long appendUnderBufferPressure(Bytes bytes) {
    append();
    bytes.megabytes += frameBytes / 1048576.0;
    return sequence;
  }
}
