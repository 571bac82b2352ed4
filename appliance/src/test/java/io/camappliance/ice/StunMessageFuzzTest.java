package io.camappliance.ice;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetSocketAddress;

class StunMessageFuzzTest {
  private static final byte[] KEY = Rfc5769.PASSWORD.getBytes(UTF_8);

  /**
   * Arbitrary datagrams either parse into a message whose every accessor and check works, or fail
   * with a StunException; a parsed mapped address survives an encode/parse round trip.
   */
  @FuzzTest(maxDuration = "10s")
  void parsesAnyDatagramOrRejectsIt(byte[] data) throws StunException {
    StunMessage m;
    try {
      m = StunMessage.parse(data, 0, data.length);
    } catch (StunException expected) {
      return;
    }
    if (!StunMessage.looksLikeStun(data, 0, data.length)) {
      throw new IllegalStateException("parsed a datagram that does not look like STUN");
    }
    m.username();
    m.software();
    m.priority();
    m.iceControlling();
    m.iceControlled();
    m.errorCode();
    m.errorReason();
    m.unknownRequiredAttributes();
    m.verifyIntegrity(KEY);
    m.verifyFingerprint();
    m.toString();
    if (m.xorMappedAddress().isPresent()) {
      InetSocketAddress a = m.xorMappedAddress().get();
      byte[] again =
          StunMessage.builder(m.messageClass(), m.method(), m.transactionId())
              .xorMappedAddress(a)
              .fingerprint()
              .toBytes();
      StunMessage back = StunMessage.parse(again, 0, again.length);
      if (!back.xorMappedAddress().equals(m.xorMappedAddress()) || !back.verifyFingerprint()) {
        throw new IllegalStateException("mapped address " + a + " did not round-trip");
      }
    }
  }
}
