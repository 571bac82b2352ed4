package io.camappliance.rtp;

import io.camappliance.h264.EmulationPrevention;
import io.camappliance.h264.FrameStamp;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * RTP packetization of one access unit per operation, shaped like a Raspberry Pi encoder's 1080p
 * output: a 30 KB P frame in four slices behind an AUD and an SEI frame stamp, and a 150 KB IDR
 * frame with AUD, SPS, PPS, SEI and four slices (random slice bytes, emulation prevention
 * applied). The sink only sums packet lengths, so the number is the packetizer's own cost: FU-A
 * fragmentation copies every byte once into the packet buffer.
 *
 * <p>Throughput in MB/s = ops/s × frame size / 10^6. Run with {@code -prof gc}: {@code
 * gc.alloc.rate.norm} must be ~0 bytes/op, the "no allocation per frame" claim of {@link
 * H264Packetizer}. {@code packetizeAndKeepForNack} adds the copy into a {@link RtpPacketHistory},
 * what a WebRTC session does for every packet it sends.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class H264PacketizerBenchmark {

  @Param({"P_30K", "IDR_150K"})
  public String frame;

  private byte[] au;
  private H264Packetizer packetizer;
  private RtpPacketHistory history;
  private long pts;
  private Blackhole blackhole;
  private RtpPacketSink consume;
  private RtpPacketSink keep;

  @Setup
  public void setUp(Blackhole bh) {
    Random random = new Random(1);
    ByteBuffer b = ByteBuffer.allocate(256 * 1024);
    b.put(new byte[] {0, 0, 0, 1, 0x09, (byte) 0xf0});
    int sliceBytes;
    byte sliceHeader;
    if (frame.equals("IDR_150K")) {
      b.put(START_CODE).put(SPS_1080P);
      b.put(START_CODE).put(PPS_1080P);
      sliceBytes = 150_000 / 4;
      sliceHeader = 0x65;
    } else {
      sliceBytes = 30_000 / 4;
      sliceHeader = 0x41;
    }
    b.put(START_CODE).put(new FrameStamp(1_700_000_000_000_000L, 1).toNalUnit());
    for (int s = 0; s < 4; s++) {
      byte[] raw = new byte[sliceBytes];
      random.nextBytes(raw);
      raw[raw.length - 1] = (byte) 0x80;
      byte[] escaped = new byte[EmulationPrevention.escapedSize(raw, 0, raw.length)];
      EmulationPrevention.escape(raw, 0, raw.length, escaped, 0);
      b.put(START_CODE).put(sliceHeader).put(escaped);
    }
    au = Arrays.copyOf(b.array(), b.position());
    packetizer = new H264Packetizer(96, 0x1234_5678L, 0, 0, H264Packetizer.DEFAULT_PAYLOAD_BUDGET);
    history =
        new RtpPacketHistory(RtpPacketHistory.DEFAULT_CAPACITY, packetizer.maxPacketSize());
    blackhole = bh;
    consume = (buf, off, len) -> blackhole.consume(len);
    keep = history::add;
    pts = 0;
  }

  @Benchmark
  public int packetize() {
    pts += 33_333;
    return packetizer.packetize(au, 0, au.length, pts, consume);
  }

  @Benchmark
  public int packetizeAndKeepForNack() {
    pts += 33_333;
    return packetizer.packetize(au, 0, au.length, pts, keep);
  }

  private static final byte[] START_CODE = {0, 0, 0, 1};
  private static final byte[] SPS_1080P =
      HexFormat.of().parseHex("67640028acd940780227e5c044000003000400000300f03c60c658");
  private static final byte[] PPS_1080P = HexFormat.of().parseHex("68eae3cb22c0");
}
