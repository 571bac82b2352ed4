package io.camappliance.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camappliance.testing.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RtcpParserTest {

  /** RR from SSRC 1 about 0x11223344: fraction 25/256, lost -2, highest 0x1ff03, jitter 42. */
  static final String RECEIVER_REPORT =
      "81c90007 00000001 11223344 19fffffe 0001ff03 0000002a 5b8c1234 00018000";

  /** PT 200 with RC 1: SSRC 2, NTP 0xe92f5b80.80000000, RTP 90000, 10 packets, 1024 octets. */
  static final String SENDER_REPORT =
      "81c8000c 00000002 e92f5b80 80000000 00015f90 0000000a 00000400"
          + " 11223344 00000003 00000064 00000000 00000000 00000000";

  /** Generic NACK from 1 on 0x11223344: PID 65534, BLP 0x8005 (bits 0, 2 and 15). */
  static final String NACK = "81cd0003 00000001 11223344 fffe8005";

  static final String PLI = "81ce0002 00000001 11223344";

  /** FIR from 1: media source field 0, one entry for 0x11223344 with sequence number 7. */
  static final String FIR = "84ce0004 00000001 00000000 11223344 07000000";

  /** REMB from 1: one SSRC, exponent 2, mantissa 250 000: 1 000 000 bit/s. */
  static final String REMB = "8fce0005 00000001 00000000 52454d42 010bd090 11223344";

  static final String SDES = "81ca0003 00000001 01046162 63640000";

  static final String BYE = "81cb0001 11223344";

  private static List<String> parse(String hex) throws RtcpException {
    byte[] b = Hex.bytes(hex);
    RecordingVisitor v = new RecordingVisitor();
    RtcpParser.parse(b, 0, b.length, v);
    return v.events;
  }

  @Test
  void readsAReceiverReportBlock() throws RtcpException {
    assertThat(parse(RECEIVER_REPORT))
        .containsExactly(
            "report from 1 on 11223344 fraction 25 lost -2 highest 130819 jitter 42"
                + " lsr 5b8c1234 dlsr 98304");
  }

  @Test
  void readsASenderReportAndItsReportBlock() throws RtcpException {
    assertThat(parse(SENDER_REPORT))
        .containsExactly(
            "SR from 2 ntp e92f5b8080000000 rtp 90000 packets 10 octets 1024",
            "report from 2 on 11223344 fraction 0 lost 3 highest 100 jitter 0 lsr 00000000 dlsr 0");
  }

  @Test
  void expandsTheNackBitmaskIntoSequenceNumbersAcrossTheWrap() throws RtcpException {
    assertThat(parse(NACK))
        .containsExactly(
            "NACK from 1 on 11223344 seq 65534",
            "NACK from 1 on 11223344 seq 65535",
            "NACK from 1 on 11223344 seq 1",
            "NACK from 1 on 11223344 seq 14");
  }

  @Test
  void readsEveryPidAndBlpPairOfOneNack() throws RtcpException {
    assertThat(parse("81cd0004 00000001 11223344 00640000 00c80001"))
        .containsExactly(
            "NACK from 1 on 11223344 seq 100",
            "NACK from 1 on 11223344 seq 200",
            "NACK from 1 on 11223344 seq 201");
  }

  @Test
  void readsAPictureLossIndication() throws RtcpException {
    assertThat(parse(PLI)).containsExactly("PLI from 1 on 11223344");
  }

  @Test
  void readsAFullIntraRequestWithItsSequenceNumber() throws RtcpException {
    assertThat(parse(FIR)).containsExactly("FIR from 1 on 11223344 seq 7");
  }

  @Test
  void readsARembBitrate() throws RtcpException {
    assertThat(parse(REMB)).containsExactly("REMB from 1 on 11223344 1000000 bit/s");
  }

  @Test
  void saturatesARembBitrateTooLargeForALong() throws RtcpException {
    assertThat(parse("8fce0004 00000001 00000000 52454d42 00ffffff"))
        .containsExactly("REMB from 1 on 0 9223372036854775807 bit/s");
  }

  @Test
  void reportsAByeForEachSource() throws RtcpException {
    assertThat(parse("82cb0002 11223344 55667788")).containsExactly("BYE 11223344", "BYE 55667788");
  }

  @Test
  void skipsSdesAppTransportWideFeedbackAndOtherApplicationFeedback() throws RtcpException {
    String app = "80cc0002 00000001 41424344";
    String transportCc = "8fcd0004 00000001 11223344 00010002 20000000";
    String afb = "8fce0003 00000001 00000000 41424344";
    assertThat(parse(SDES + app + transportCc + afb))
        .containsExactly(
            "other PT 202 count 1 at 0, 16 bytes",
            "other PT 204 count 0 at 16, 12 bytes",
            "other PT 205 count 15 at 28, 20 bytes",
            "other PT 206 count 15 at 48, 16 bytes");
  }

  @Test
  void readsEveryPacketOfACompoundInOrder() throws RtcpException {
    assertThat(parse(RECEIVER_REPORT + SDES + NACK + PLI + REMB + BYE))
        .containsExactly(
            "report from 1 on 11223344 fraction 25 lost -2 highest 130819 jitter 42"
                + " lsr 5b8c1234 dlsr 98304",
            "other PT 202 count 1 at 32, 16 bytes",
            "NACK from 1 on 11223344 seq 65534",
            "NACK from 1 on 11223344 seq 65535",
            "NACK from 1 on 11223344 seq 1",
            "NACK from 1 on 11223344 seq 14",
            "PLI from 1 on 11223344",
            "REMB from 1 on 11223344 1000000 bit/s",
            "BYE 11223344");
  }

  @Test
  void ignoresPaddingAtTheEndOfTheLastPacket() throws RtcpException {
    assertThat(parse("a1ce0003 00000001 11223344 00000004"))
        .containsExactly("PLI from 1 on 11223344");
  }

  @Test
  void parsesItsOwnCompoundSenderReport() throws RtcpException {
    byte[] b = new byte[64];
    int n =
        SenderReport.writeCompound(
            b, 3, 0xABCDL, 0x0102030405060708L, 90_000, 7, 7000, "cam".getBytes());
    RecordingVisitor v = new RecordingVisitor();

    RtcpParser.parse(b, 3, n, v);

    assertThat(v.events)
        .containsExactly(
            "SR from abcd ntp 0102030405060708 rtp 90000 packets 7 octets 7000",
            "other PT 202 count 1 at 28, 16 bytes");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "empty datagram | '' | RTCP at offset 0: empty datagram",
        "version 1 | 41c90001 00000001 | RTCP at offset 0: version 1, expected 2",
        "length past the end | 80c90005 00000001"
            + " | RTCP at offset 0: length field 5 (24 bytes) exceeds the 8 bytes left",
        "report count past the length | 81c90001 00000001"
            + " | RTCP at offset 0: receiver report with 1 report blocks needs 32 bytes, has 8",
        "sender report cut short | 80c80001 00000001"
            + " | RTCP at offset 0: sender report with 0 report blocks needs 28 bytes, has 8",
        "stray bytes after a packet | 81ce0002 00000001 11223344 80c9"
            + " | RTCP at offset 12: 2 bytes left, a packet header needs 4",
        "NACK without entries | 81cd0002 00000001 11223344"
            + " | RTCP at offset 0: Generic NACK of 12 bytes has no PID/BLP entry",
        "feedback shorter than its header | 81ce0001 00000001"
            + " | RTCP at offset 0: payload-specific feedback (FMT 1) of 8 bytes is shorter than"
            + " its 12-byte header",
        "transport feedback shorter than its header | 8fcd0000"
            + " | RTCP at offset 0: transport layer feedback (FMT 15) of 4 bytes is shorter than"
            + " its 12-byte header",
        "FIR entry cut short | 84ce0003 00000001 00000000 11223344"
            + " | RTCP at offset 0: FIR has 4 bytes of entries, expected a non-zero multiple of 8",
        "REMB without bitrate | 8fce0003 00000001 00000000 52454d42"
            + " | RTCP at offset 0: REMB of 16 bytes has no bitrate (needs 20)",
        "REMB listing more SSRCs than it holds | 8fce0005 00000001 00000000 52454d42 020bd090"
            + " 11223344 | RTCP at offset 0: REMB listing 2 SSRCs needs 28 bytes, has 24",
        "BYE listing more sources than it holds | 82cb0001 11223344"
            + " | RTCP at offset 0: BYE with 2 sources needs 12 bytes, has 8",
        "padding longer than the packet | a0c90001 00000009"
            + " | RTCP at offset 0: padding count 9 is outside 1..4",
        "zero padding count | a0c90001 00000000 | RTCP at offset 0: padding count 0 is outside 1..4",
        "second packet bad | 81ce0002 00000001 11223344 81c90001 00000001"
            + " | RTCP at offset 12: receiver report with 1 report blocks needs 32 bytes, has 8",
      })
  void rejectsMalformedPacketsNamingTheOffsetAndTheValue(String what, String hex, String message) {
    byte[] b = Hex.bytes(hex == null ? "" : hex);
    RecordingVisitor v = new RecordingVisitor();

    assertThatThrownBy(() -> RtcpParser.parse(b, 0, b.length, v))
        .isInstanceOf(RtcpException.class)
        .hasMessage(message);
    assertThat(v.events).as("nothing reported from a malformed compound").isEmpty();
  }

  @Test
  void tellsTheOffsetOfTheBadPacketRelativeToTheCompound() {
    byte[] b = Hex.bytes("ffff" + PLI + "81c90001 00000001");

    assertThatThrownBy(() -> RtcpParser.check(b, 2, b.length - 2))
        .isInstanceOfSatisfying(RtcpException.class, e -> assertThat(e.offset()).isEqualTo(12));
  }

  @Test
  void rejectsASliceOutsideTheBuffer() {
    assertThatThrownBy(() -> RtcpParser.parse(new byte[4], 2, 4, new RecordingVisitor()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RTCP [2, +4) is outside its buffer of 4");
  }
}
