package io.camappliance.ice;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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

/**
 * The agent's work for one connectivity check, without the socket: parse a browser-shaped Binding
 * request, check FINGERPRINT and MESSAGE-INTEGRITY, and encode the success response. Browsers
 * send a check every few seconds per session, so this bounds the STUN cost, not the media path
 * (which only reads the first byte and looks up the source address).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BindingCheckBenchmark {
  private byte[] request;
  private byte[] key;
  private InetSocketAddress from;

  @Setup
  public void setUp() throws Exception {
    key = "aaaaaaaaaaaaaaaaaaaaaaaa".getBytes(StandardCharsets.UTF_8);
    from = new InetSocketAddress(InetAddress.getByName("192.168.1.50"), 54321);
    request =
        StunMessage.builder(StunClass.REQUEST, StunMessage.BINDING, new byte[12])
            .username("srvA:brwA")
            .priority(1853824767L)
            .iceControlling(0x1122334455667788L)
            .useCandidate()
            .messageIntegrity(key)
            .fingerprint()
            .toBytes();
  }

  @Benchmark
  public byte[] answerOneCheck() throws StunException {
    StunMessage m = StunMessage.parse(request, 0, request.length);
    if (!m.verifyFingerprint() || !m.verifyIntegrity(key)) {
      throw new IllegalStateException("check did not verify");
    }
    return StunMessage.builder(StunClass.SUCCESS_RESPONSE, StunMessage.BINDING, m.transactionId())
        .xorMappedAddress(from)
        .messageIntegrity(key)
        .fingerprint()
        .toBytes();
  }
}
