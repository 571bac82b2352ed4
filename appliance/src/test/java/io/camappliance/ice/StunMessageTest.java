package io.camappliance.ice;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StunMessageTest {
  private static final byte[] KEY = Rfc5769.PASSWORD.getBytes(UTF_8);
  private static final byte[] TX = Rfc5769.hex(Rfc5769.TRANSACTION_ID);

  @Test
  void parsesTheRfc5769SampleRequestAndVerifiesItsIntegrityAndFingerprint() throws Exception {
    StunMessage m = StunMessage.parse(Rfc5769.REQUEST, 0, Rfc5769.REQUEST.length);

    assertThat(m.isBindingRequest()).isTrue();
    assertThat(m.transactionId()).isEqualTo(TX);
    assertThat(m.software()).contains("STUN test client");
    assertThat(m.priority()).hasValue(0x6e0001ffL);
    assertThat(m.iceControlled()).hasValue(0x932ff9b151263b36L);
    assertThat(m.iceControlling()).isEmpty();
    assertThat(m.useCandidate()).isFalse();
    assertThat(m.username()).contains(Rfc5769.USERNAME);
    assertThat(m.unknownRequiredAttributes()).isEmpty();
    assertThat(m.verifyIntegrity(KEY)).isTrue();
    assertThat(m.verifyFingerprint()).isTrue();
    assertThat(m.verifyIntegrity("VOkJxbRl1RmTxUk/WvJxBT".getBytes(UTF_8))).isFalse();
  }

  @Test
  void parsesTheRfc5769Ipv4ResponseAndDecodesItsMappedAddress() throws Exception {
    StunMessage m = StunMessage.parse(Rfc5769.IPV4_RESPONSE, 0, Rfc5769.IPV4_RESPONSE.length);

    assertThat(m.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
    assertThat(m.method()).isEqualTo(StunMessage.BINDING);
    assertThat(m.software()).contains("test vector");
    assertThat(m.xorMappedAddress())
        .contains(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853));
    assertThat(m.verifyIntegrity(KEY)).isTrue();
    assertThat(m.verifyFingerprint()).isTrue();
  }

  @Test
  void parsesTheRfc5769Ipv6ResponseAndDecodesItsMappedAddress() throws Exception {
    StunMessage m = StunMessage.parse(Rfc5769.IPV6_RESPONSE, 0, Rfc5769.IPV6_RESPONSE.length);

    assertThat(m.xorMappedAddress())
        .contains(
            new InetSocketAddress(
                InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853));
    assertThat(m.verifyIntegrity(KEY)).isTrue();
    assertThat(m.verifyFingerprint()).isTrue();
  }

  @Test
  void encodesTheRfc5769SampleRequestByteForByte() {
    byte[] encoded =
        StunMessage.builder(StunClass.REQUEST, StunMessage.BINDING, TX)
            .software("STUN test client")
            .priority(0x6e0001ffL)
            .iceControlled(0x932ff9b151263b36L)
            .username(Rfc5769.USERNAME)
            .messageIntegrity(KEY)
            .fingerprint()
            .paddingByte((byte) 0x20)
            .toBytes();

    assertThat(HexFormat.of().formatHex(encoded))
        .isEqualTo(HexFormat.of().formatHex(Rfc5769.REQUEST));
  }

  @Test
  void encodesTheRfc5769Ipv4ResponseByteForByte() throws Exception {
    byte[] encoded =
        response(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853)).toBytes();

    assertThat(HexFormat.of().formatHex(encoded))
        .isEqualTo(HexFormat.of().formatHex(Rfc5769.IPV4_RESPONSE));
  }

  @Test
  void encodesTheRfc5769Ipv6ResponseByteForByte() throws Exception {
    InetAddress v6 = InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677");
    byte[] encoded = response(new InetSocketAddress(v6, 32853)).toBytes();

    assertThat(HexFormat.of().formatHex(encoded))
        .isEqualTo(HexFormat.of().formatHex(Rfc5769.IPV6_RESPONSE));
  }

  private static StunMessageBuilder response(InetSocketAddress mapped) {
    return StunMessage.builder(StunClass.SUCCESS_RESPONSE, StunMessage.BINDING, TX)
        .software("test vector")
        .xorMappedAddress(mapped)
        .messageIntegrity(KEY)
        .fingerprint()
        .paddingByte((byte) 0x20);
  }

  @Test
  void zeroPaddingChangesOnlyThePaddingAndTheHashes() throws Exception {
    byte[] encoded =
        StunMessage.builder(StunClass.REQUEST, StunMessage.BINDING, TX)
            .username(Rfc5769.USERNAME)
            .messageIntegrity(KEY)
            .fingerprint()
            .toBytes();

    StunMessage m = StunMessage.parse(encoded, 0, encoded.length);
    assertThat(HexFormat.of().formatHex(encoded, 20, 36))
        .isEqualTo("000600096576746a3a68367659000000");
    assertThat(m.verifyIntegrity(KEY)).isTrue();
    assertThat(m.verifyFingerprint()).isTrue();
  }

  @Test
  void roundTripsEveryAttributeTheAgentWrites() throws Exception {
    byte[] encoded =
        StunMessage.builder(StunClass.ERROR_RESPONSE, StunMessage.BINDING, TX)
            .errorCode(487, "Role Conflict")
            .unknownAttributes(List.of(0x0003, 0x7001))
            .iceControlling(-2L)
            .useCandidate()
            .xorMappedAddress(new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 65535))
            .messageIntegrity(KEY)
            .fingerprint()
            .toBytes();
    byte[] framed = new byte[encoded.length + 7];
    System.arraycopy(encoded, 0, framed, 3, encoded.length);

    StunMessage m = StunMessage.parse(framed, 3, encoded.length);

    assertThat(m.messageClass()).isEqualTo(StunClass.ERROR_RESPONSE);
    assertThat(m.errorCode()).isEqualTo(487);
    assertThat(m.errorReason()).contains("Role Conflict");
    assertThat(m.iceControlling()).hasValue(-2L);
    assertThat(m.useCandidate()).isTrue();
    assertThat(m.xorMappedAddress())
        .contains(new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 65535));
    assertThat(m.verifyIntegrity(KEY)).isTrue();
    assertThat(m.verifyFingerprint()).isTrue();
    assertThat(m.toBytes()).isEqualTo(encoded);
  }

  @Test
  void writesIntoACallerBufferAtAnOffset() throws Exception {
    StunMessageBuilder b =
        StunMessage.builder(StunClass.SUCCESS_RESPONSE, StunMessage.BINDING, TX)
            .xorMappedAddress(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853))
            .messageIntegrity(KEY)
            .fingerprint();
    byte[] dst = new byte[b.size() + 5];

    int n = b.writeTo(dst, 5);

    assertThat(n).isEqualTo(b.size());
    assertThat(java.util.Arrays.copyOfRange(dst, 5, dst.length)).isEqualTo(b.toBytes());
    assertThatThrownBy(() -> b.writeTo(new byte[b.size() - 1], 0))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining(String.valueOf(b.size()));
  }

  @Test
  void encodesTheMessageTypeBitsOfEachClass() {
    assertThat(StunMessage.messageType(StunClass.REQUEST, StunMessage.BINDING)).isEqualTo(0x0001);
    assertThat(StunMessage.messageType(StunClass.INDICATION, StunMessage.BINDING))
        .isEqualTo(0x0011);
    assertThat(StunMessage.messageType(StunClass.SUCCESS_RESPONSE, StunMessage.BINDING))
        .isEqualTo(0x0101);
    assertThat(StunMessage.messageType(StunClass.ERROR_RESPONSE, StunMessage.BINDING))
        .isEqualTo(0x0111);
    assertThat(StunMessage.messageType(StunClass.REQUEST, 0xFFF)).isEqualTo(0x3EEF);
  }

  @Test
  void skipsUnknownOptionalAttributesAndListsUnknownRequiredOnes() throws Exception {
    byte[] m =
        Rfc5769.hex(
            "00010014 2112a442 b7e7a701 bc34d686 fa87dfae"
                + " c0570004 00010000" // GOOG-NETWORK-INFO, comprehension-optional
                + " 70010001 ab000000" // unknown comprehension-required, padded
                + " 00250000"); // USE-CANDIDATE
    StunMessage parsed = StunMessage.parse(m, 0, m.length);

    assertThat(parsed.useCandidate()).isTrue();
    assertThat(parsed.unknownRequiredAttributes()).containsExactly(0x7001);
    assertThat(parsed.hasMessageIntegrity()).isFalse();
    assertThat(parsed.verifyIntegrity(KEY)).isFalse();
    assertThat(parsed.verifyFingerprint()).isFalse();
  }

  @Test
  void ignoresAttributesAfterMessageIntegrityAndKeepsTheFirstOfRepeats() throws Exception {
    byte[] base =
        StunMessage.builder(StunClass.REQUEST, StunMessage.BINDING, TX)
            .username("first:one")
            .username("second:two")
            .messageIntegrity(KEY)
            .toBytes();
    // Append a PRIORITY after MESSAGE-INTEGRITY: it must be ignored and integrity still hold.
    byte[] m = new byte[base.length + 8];
    System.arraycopy(base, 0, m, 0, base.length);
    System.arraycopy(Rfc5769.hex("00240004 00000001"), 0, m, base.length, 8);
    m[3] = (byte) (m[3] + 8);

    StunMessage parsed = StunMessage.parse(m, 0, m.length);

    assertThat(parsed.username()).contains("first:one");
    assertThat(parsed.priority()).isEmpty();
    assertThat(parsed.verifyIntegrity(KEY)).isTrue();
  }

  @Test
  void detectsATamperedMessage() throws Exception {
    byte[] m = Rfc5769.REQUEST.clone();
    m[40] ^= 1; // inside PRIORITY

    StunMessage parsed = StunMessage.parse(m, 0, m.length);

    assertThat(parsed.verifyIntegrity(KEY)).isFalse();
    assertThat(parsed.verifyFingerprint()).isFalse();
  }

  static Stream<Arguments> malformed() {
    String tx = " 2112a442 b7e7a701 bc34d686 fa87dfae";
    return Stream.of(
        Arguments.of("short header", "0001 0000 2112a442", "shorter than the 20-byte header"),
        Arguments.of("top bits set", "8001 0000" + tx, "first byte 0x80"),
        Arguments.of("length not a multiple of 4", "0001 0002" + tx + " 0000", "multiple of 4"),
        Arguments.of("length beyond datagram", "0001 0008" + tx + " 00250000", "does not match"),
        Arguments.of("bad cookie", "0001 0000 2112a443 b7e7a701 bc34d686 fa87dfae", "0x2112a443"),
        Arguments.of(
            "attribute past the end", "0001 0004" + tx + " 00060008", "runs past the end at 24"),
        Arguments.of("padding past the end", "0001 0008" + tx + " 00060005 61626364", "(padded 8)"),
        Arguments.of("PRIORITY of 2 bytes", "0001 0008" + tx + " 00240002 00010000", "expected 4"),
        Arguments.of(
            "MESSAGE-INTEGRITY of 4 bytes", "0001 0008" + tx + " 00080004 00000000", "expected 20"),
        Arguments.of(
            "XOR-MAPPED-ADDRESS family 3",
            "0101 000c" + tx + " 00200008 0003a147 e112a643",
            "family 0x03"),
        Arguments.of(
            "XOR-MAPPED-ADDRESS IPv6 of 8 bytes",
            "0101 000c" + tx + " 00200008 0002a147 e112a643",
            "length 8, expected 20"),
        Arguments.of(
            "ERROR-CODE class 7", "0111 0008" + tx + " 00090004 00000701", "class 7 number 1"),
        Arguments.of(
            "attribute after FINGERPRINT",
            "0001 000c" + tx + " 80280004 00000000 00250000",
            "offset 28 follows FINGERPRINT"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void rejectsMalformedMessagesNamingTheOffendingValue(String name, String hex, String message) {
    byte[] m = Rfc5769.hex(hex);
    assertThatThrownBy(() -> StunMessage.parse(m, 0, m.length))
        .isInstanceOf(StunException.class)
        .hasMessageContaining(message);
  }

  @Test
  void recognisesStunByItsFirstBitsAndCookie() {
    assertThat(StunMessage.looksLikeStun(Rfc5769.REQUEST, 0, Rfc5769.REQUEST.length)).isTrue();
    assertThat(StunMessage.looksLikeStun(Rfc5769.REQUEST, 0, 19)).isFalse();
    byte[] rtp = Rfc5769.REQUEST.clone();
    rtp[0] = (byte) 0x80;
    assertThat(StunMessage.looksLikeStun(rtp, 0, rtp.length)).isFalse();
  }
}
