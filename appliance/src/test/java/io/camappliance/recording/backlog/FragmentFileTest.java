package io.camappliance.recording.backlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camappliance.store.BacklogEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class FragmentFileTest {
  private static final BacklogEntry ENTRY =
      new BacklogEntry(1_700_000_000_000L, 1980, 60, 120, 7_000, 0x0123456789abcdefL);

  @Test
  void thePreambleLaysOutItsFieldsAsDocumented() {
    ByteBuffer b = FragmentFile.preamble(ENTRY, 0xCAFEBABE);
    String hex = HexFormat.of().formatHex(b.array(), 0, 60);
    assertThat(hex)
        .isEqualTo(
            "4b564246" // KVBF
                + "0001" // version
                + "0040" // preamble length 64
                + "0000018bcfe56800" // timecode 1700000000000
                + "00000000000007bc" // duration 1980
                + "0000000000000078" // first sequence 120
                + "0123456789abcdef" // header key
                + "0000000000001b58" // length 7000
                + "0000003c" // frames 60
                + "cafebabe" // CRC of the fragment
                + "00000000"); // reserved
    assertThat(b.remaining()).isEqualTo(FragmentFile.PREAMBLE);
  }

  @Test
  void aPreambleParsesBackToTheSameEntry() throws IOException {
    FragmentFile.Preamble p =
        FragmentFile.parse(FragmentFile.preamble(ENTRY, 42), FragmentFile.PREAMBLE + 7_000);
    assertThat(p.entry()).isEqualTo(ENTRY);
    assertThat(p.payloadCrc()).isEqualTo(42);
  }

  @Test
  void aFileWhoseSizeDisagreesWithItsPreambleIsRejectedWithBothSizes() {
    assertThatThrownBy(
            () ->
                FragmentFile.parse(FragmentFile.preamble(ENTRY, 0), FragmentFile.PREAMBLE + 6_990))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("7054")
        .hasMessageContaining("7064");
  }

  @Test
  void aShortOrForeignOrFlippedPreambleIsRejected() {
    assertThatThrownBy(() -> FragmentFile.parse(ByteBuffer.allocate(10), 10))
        .hasMessageContaining("less than its 64-byte preamble");
    ByteBuffer foreign = FragmentFile.preamble(ENTRY, 0);
    foreign.put(0, (byte) 0x1a);
    assertThatThrownBy(() -> FragmentFile.parse(foreign, 7_064))
        .hasMessageContaining("starts with");
    ByteBuffer flipped = FragmentFile.preamble(ENTRY, 0);
    flipped.put(20, (byte) (flipped.get(20) ^ 1));
    assertThatThrownBy(() -> FragmentFile.parse(flipped, 7_064)).hasMessageContaining("checksum");
  }

  @Test
  void namesCarryTheTimecodeAndTheHeaderKey() throws IOException {
    assertThat(FragmentFile.name(1_700_000_000_000L)).isEqualTo("fragment-1700000000000.frag");
    assertThat(FragmentFile.timecodeOf("fragment-1700000000000.frag"))
        .isEqualTo(1_700_000_000_000L);
    assertThat(HeaderFile.name(-2)).isEqualTo("header-fffffffffffffffe.hdr");
    assertThat(HeaderFile.keyOf("header-fffffffffffffffe.hdr")).isEqualTo(-2);
    assertThatThrownBy(() -> HeaderFile.keyOf("header-xyz.hdr")).isInstanceOf(IOException.class);
    assertThat(HeaderFile.key(new byte[] {1, 2, 3}))
        .isEqualTo(HeaderFile.key(new byte[] {1, 2, 3}));
    assertThat(HeaderFile.key(new byte[] {1, 2, 3}))
        .isNotEqualTo(HeaderFile.key(new byte[] {1, 2}));
  }
}
