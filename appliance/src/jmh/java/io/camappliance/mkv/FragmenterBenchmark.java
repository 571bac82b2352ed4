package io.camappliance.mkv;

import io.camappliance.h264.FrameStamp;
import io.camappliance.media.EncodedFrame;
import io.camappliance.media.PackagedFrame;
import io.camappliance.media.PackagedSink;
import io.camappliance.media.StreamHeader;
import io.camappliance.media.VideoFormat;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Fragmenter throughput on 1080p-like access units (a 150 KB IDR with SPS/PPS every 60 frames,
 * 25 KB P-frames of four slices, each with our SEI stamp): frames per second and, with {@code -prof
 * gc}, bytes allocated per frame (the target is none). MB/s = ops/s × {@link #AVERAGE_FRAME_BYTES}.
 *
 * <p>Each operation builds the {@link EncodedFrame} the camera would hand over (its timestamps
 * change every frame); {@link #frameOnly} measures that alone, so the fragmenter's own allocation
 * is {@code packageFrame} minus {@code frameOnly}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FragmenterBenchmark {
  static final int GOP = 60;
  static final int AVERAGE_FRAME_BYTES = (150_000 + 59 * 25_000) / GOP;

  /** A libx264 high-profile 1920x1080 SPS and a PPS. */
  private static final byte[] SPS =
      HexFormat.of().parseHex("67640028acd940780227e5c044000003000400000300f03c60c658");

  private static final byte[] PPS = HexFormat.of().parseHex("68ebe3cb22c0");

  private EncodedFrame[] frames;
  private Fragmenter fragmenter;
  private long n;

  @Setup
  public void setUp(Blackhole blackhole) {
    VideoFormat format = new VideoFormat("H264", 1920, 1080, 30, SPS, PPS);
    Random random = new Random(1);
    frames = new EncodedFrame[GOP];
    for (int i = 0; i < GOP; i++) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      boolean key = i == 0;
      if (key) {
        nal(b, SPS);
        nal(b, PPS);
      }
      nal(b, new FrameStamp(i, i).toNalUnit());
      int slices = 4;
      int sliceBytes = (key ? 150_000 : 25_000) / slices;
      for (int s = 0; s < slices; s++) {
        byte[] slice = new byte[sliceBytes];
        random.nextBytes(slice);
        for (int k = 2; k < slice.length; k++) {
          if (slice[k] <= 3 && slice[k - 1] == 0 && slice[k - 2] == 0) {
            slice[k] = 4; // keep the random payload free of start codes
          }
        }
        slice[0] = (byte) (key ? 0x65 : 0x41);
        nal(b, slice);
      }
      byte[] data = b.toByteArray();
      frames[i] = new EncodedFrame(i, 0, 0, 0, key, data, data.length, format);
    }
    PackagedSink sink =
        new PackagedSink() {
          @Override
          public void onHeader(StreamHeader header) {
            blackhole.consume(header);
          }

          @Override
          public void onFrame(PackagedFrame frame) {
            blackhole.consume(frame.bytes().get(frame.bytes().limit() - 1));
          }

          @Override
          public void onEnd() {}
        };
    fragmenter =
        new Fragmenter(FragmenterSettings.DEFAULTS, new FragmentMetadata(), () -> true, List.of(sink));
  }

  private static void nal(ByteArrayOutputStream b, byte[] nal) {
    b.writeBytes(new byte[] {0, 0, 0, 1});
    b.writeBytes(nal);
  }

  /** Only builds the frame, as the baseline for allocation. */
  @Benchmark
  public EncodedFrame frameOnly() {
    EncodedFrame f = frames[(int) (n % GOP)];
    long pts = 1_700_000_000_000_000L + n * 33_333L;
    n++;
    return new EncodedFrame(
        f.sequence(), pts, pts, pts, f.keyframe(), f.data(), f.length(), f.format());
  }

  /** Packages one frame; timestamps advance by one frame at 30 fps. */
  @Benchmark
  public void packageFrame() {
    EncodedFrame f = frames[(int) (n % GOP)];
    long pts = 1_700_000_000_000_000L + n * 33_333L;
    n++;
    fragmenter.onFrame(
        new EncodedFrame(f.sequence(), pts, pts, pts, f.keyframe(), f.data(), f.length(), f.format()));
  }
}
