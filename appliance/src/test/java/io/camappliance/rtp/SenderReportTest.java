package io.camappliance.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camappliance.testing.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SenderReportTest {
  private static final long SSRC = 0x11223344L;

  @Test
  void writesASenderReportByteForByte() {
    byte[] b = new byte[SenderReport.SIZE];
    long ntp = NtpTime.fromEpochMicros(1_700_000_000_500_000L);

    int n = SenderReport.write(b, 0, SSRC, ntp, 0x01020304, 10, 12_000);

    assertThat(n).isEqualTo(28);
    // V=2 RC=0 PT=200 length 6; SSRC; NTP 1 700 000 000.5 s since 1970 = 0xe8fe6f80.80000000
    // since 1900; RTP timestamp; 10 packets; 12 000 octets
    assertThat(Hex.of(b))
        .isEqualTo(
            Hex.of(Hex.bytes("80c80006 11223344 e8fe6f80 80000000 01020304 0000000a 00002ee0")));
  }

  @Test
  void writesACompoundOfSenderReportAndCname() {
    byte[] b = new byte[100];
    long ntp = NtpTime.fromEpochMicros(1_700_000_000_500_000L);

    int n =
        SenderReport.writeCompound(
            b, 0, SSRC, ntp, 0x01020304, 10, 12_000, "abcd".getBytes(StandardCharsets.UTF_8));

    assertThat(n).isEqualTo(SenderReport.compoundSize(4)).isEqualTo(44);
    assertThat(Hex.of(b, 0, n))
        .isEqualTo(
            Hex.of(
                Hex.bytes(
                    "80c80006 11223344 e8fe6f80 80000000 01020304 0000000a 00002ee0"
                        // SDES SC=1 length 3; chunk SSRC; CNAME=1 length 4 "abcd"; END, pad
                        + "81ca0003 11223344 01046162 63640000")));
  }

  @Test
  void endsACnameThatFillsItsLastWordWithAWholeWordOfZeros() {
    byte[] b = new byte[40];
    Arrays.fill(b, (byte) 0xEE);

    int n = SourceDescription.writeCname(b, 0, SSRC, "abcdef".getBytes(StandardCharsets.UTF_8));

    assertThat(Hex.of(b, 0, n))
        .isEqualTo(Hex.of(Hex.bytes("81ca0004 11223344 01066162 63646566 00000000")));
    assertThat(b[n]).isEqualTo((byte) 0xEE);
  }

  @Test
  void keepsTheLow32BitsOfCountsThatWrapped() {
    byte[] b = new byte[SenderReport.SIZE];

    SenderReport.write(b, 0, SSRC, 0, 0, 0x1_0000_0005L, 0x2_0000_0006L);

    assertThat(Hex.of(b, 20, 8)).isEqualTo("0000000500000006");
  }

  @Test
  void rejectsACnameOutside1To255BytesAndABufferTooSmall() {
    assertThatThrownBy(() -> SourceDescription.writeCname(new byte[300], 0, SSRC, new byte[256]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("CNAME of 256 bytes is outside 1..255");
    assertThatThrownBy(
            () -> SenderReport.writeCompound(new byte[40], 0, SSRC, 0, 0, 0, 0, new byte[4]))
        .hasMessage("compound RTCP of 44 bytes at offset 0 does not fit a buffer of 40");
  }

  @Test
  void convertsEpochMicrosToNtpAndCompactNtp() {
    assertThat(NtpTime.fromEpochMicros(0)).isEqualTo(2_208_988_800L << 32);
    assertThat(NtpTime.fromEpochMicros(250_000) & 0xFFFF_FFFFL).isEqualTo(0x4000_0000L);
    assertThat(NtpTime.compact(0x0102_0304_0506_0708L)).isEqualTo(0x0304_0506L);
  }

  @Test
  void computesTheRoundTripFromLsrAndDlsr() {
    long lsr = NtpTime.compact(NtpTime.fromEpochMicros(1_700_000_000_000_000L));
    long dlsr = 98_304; // 1.5 s
    long arrival = NtpTime.compact(NtpTime.fromEpochMicros(1_700_000_001_750_000L));

    assertThat(NtpTime.roundTripMicros(arrival, lsr, dlsr)).isEqualTo(250_000);
    assertThat(NtpTime.roundTripMicros(arrival, 0, dlsr)).as("no SR received yet").isEqualTo(-1);
    assertThat(NtpTime.roundTripMicros(lsr, lsr, dlsr)).as("delay longer than elapsed").isZero();
  }

  @Test
  void computesTheRoundTripAcrossTheCompactClockWrap() {
    long lsr = 0xFFFF_F000L;
    long arrival = (lsr + 65_536 / 10 + 1_000) & 0xFFFF_FFFFL; // 0.1 s + 1000 units later

    assertThat(NtpTime.roundTripMicros(arrival, lsr, 1_000)).isEqualTo(99_990);
  }
}
