package io.camappliance.h264;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Annex-B to AVCC re-framing, the per-frame work of the MKV fragmenter, on access units shaped like
 * a Raspberry Pi encoder's 1080p output: a 30 KB P frame in four slices behind an AUD, and a 150 KB
 * IDR frame with AUD, SPS, PPS, SEI and four slices. Slice payloads are random bytes (CABAC output
 * is close to that) with emulation prevention applied.
 *
 * <p>Throughput in MB/s = ops/s x frame size / 10^6 (sizes: {@code P_30K} 30 000 bytes of slice
 * data plus framing, {@code IDR_150K} 150 000). Run with {@code -prof gc}: {@code
 * gc.alloc.rate.norm} must be ~0 bytes/op, the "no allocation per frame" claim of {@link
 * AnnexB#toAvcc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AnnexBToAvccBenchmark {

  @Param({"P_30K", "IDR_150K"})
  public String frame;

  private byte[] au;
  private ByteBuffer dst;

  @Setup
  public void setUp() {
    Random random = new Random(1);
    ByteBuffer b = ByteBuffer.allocate(256 * 1024);
    b.put(Nals.AUD);
    int sliceBytes;
    byte sliceHeader;
    if (frame.equals("IDR_150K")) {
      b.put(Nals.START_CODE).put(Nals.SPS_1080P);
      b.put(Nals.START_CODE).put(Nals.PPS_1080P);
      b.put(Nals.START_CODE).put(new FrameStamp(1_700_000_000_000_000L, 1).toNalUnit());
      sliceBytes = 150_000 / 4;
      sliceHeader = 0x65;
    } else {
      sliceBytes = 30_000 / 4;
      sliceHeader = 0x41;
    }
    for (int s = 0; s < 4; s++) {
      byte[] raw = new byte[sliceBytes];
      random.nextBytes(raw);
      raw[raw.length - 1] = (byte) 0x80; // rbsp_stop_one_bit
      byte[] escaped = new byte[EmulationPrevention.escapedSize(raw, 0, raw.length)];
      EmulationPrevention.escape(raw, 0, raw.length, escaped, 0);
      b.put(Nals.START_CODE).put(sliceHeader).put(escaped);
    }
    au = java.util.Arrays.copyOf(b.array(), b.position());
    dst = ByteBuffer.allocate(AnnexB.avccSize(au, 0, au.length));
    if (AnnexB.problem(au, 0, au.length) != null) {
      throw new IllegalStateException(AnnexB.problem(au, 0, au.length));
    }
  }

  /** Bytes in the access unit, for turning ops/s into MB/s. */
  public int size() {
    return au.length;
  }

  @Benchmark
  public int toAvcc() {
    dst.clear();
    return AnnexB.toAvcc(au, 0, au.length, dst);
  }

  @Benchmark
  public int toAvccDroppingAudAndFiller() {
    dst.clear();
    return AnnexB.toAvcc(au, 0, au.length, dst, NalUnitType.DROP_AUD_AND_FILLER);
  }

  @Benchmark
  public int avccSize() {
    return AnnexB.avccSize(au, 0, au.length);
  }

  @Benchmark
  public boolean validate() {
    return AnnexB.problem(au, 0, au.length) == null;
  }

  @Benchmark
  public boolean isIdr() {
    return AccessUnits.isIdr(au, 0, au.length);
  }

  /** Fixed NAL units for the synthetic access units. */
  private static final class Nals {
    static final byte[] START_CODE = {0, 0, 0, 1};
    static final byte[] AUD = {0, 0, 0, 1, 0x09, (byte) 0xf0};
    static final byte[] SPS_1080P =
        java.util.HexFormat.of()
            .parseHex("67640028acd940780227e5c044000003000400000300f03c60c658");
    static final byte[] PPS_1080P = java.util.HexFormat.of().parseHex("68eae3cb22c0");
  }
}
