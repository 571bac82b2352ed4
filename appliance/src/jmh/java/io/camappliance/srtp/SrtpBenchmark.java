package io.camappliance.srtp;

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
 * Protecting one 1200-byte RTP packet (12-byte header, 1188 bytes of payload), the per-packet work
 * of the WebRTC sender; ops/s is packets/s, and x 1200 x 8 gives the bit rate one core can protect.
 * Each operation copies the clear packet back in and advances the sequence number, as the
 * packetizer would (a repeated index is refused by AES-GCM). Run with {@code -prof gc}: {@code
 * gc.alloc.rate.norm} should be ~0 bytes/op for the AES-CM profile; AES-GCM pays for the JCA's
 * per-packet {@code Cipher.init}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SrtpBenchmark {
  private static final int PACKET = 1200;

  @Param({"SRTP_AES128_CM_HMAC_SHA1_80", "SRTP_AEAD_AES_128_GCM"})
  public SrtpProfile profile;

  private SrtpContext context;
  private byte[] clear;
  private byte[] buffer;
  private int seq;

  @Setup
  public void setUp() {
    Random random = new Random(1);
    byte[] key = new byte[profile.masterKeyLength()];
    byte[] salt = new byte[profile.masterSaltLength()];
    random.nextBytes(key);
    random.nextBytes(salt);
    context = SrtpContext.create(profile, key, salt);
    clear = new byte[PACKET];
    random.nextBytes(clear);
    clear[0] = (byte) 0x80;
    clear[1] = 96;
    buffer = new byte[PACKET + profile.rtpOverhead()];
  }

  @Benchmark
  public int protectRtp() {
    System.arraycopy(clear, 0, buffer, 0, PACKET);
    seq = (seq + 1) & 0xFFFF;
    buffer[2] = (byte) (seq >>> 8);
    buffer[3] = (byte) seq;
    return context.protectRtp(buffer, PACKET);
  }
}
