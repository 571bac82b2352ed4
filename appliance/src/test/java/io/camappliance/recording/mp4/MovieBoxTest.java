package io.camappliance.recording.mp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MovieBoxTest {
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
  private static final byte[] AVCC = HEX.parseHex("01 42 00 1f ff e1 00 02 67 42 01 00 02 68 ce");

  /** Two chunks of 3 samples, one of 2; durations 33 33 34 | 33 33 33 | 33 40; sync 1 and 4. */
  private static SampleTable table(long secondChunkOffset) {
    SampleTable t = new SampleTable();
    t.addChunk(48);
    t.addSample(100, 33, true);
    t.addSample(10, 33, false);
    t.addSample(11, 34, false);
    t.addChunk(secondChunkOffset);
    t.addSample(90, 33, true);
    t.addSample(12, 33, false);
    t.addSample(13, 33, false);
    t.addChunk(secondChunkOffset + 115);
    t.addSample(14, 33, false);
    t.addSample(15, 40, false);
    return t;
  }

  @Test
  void writesTheSampleTableBoxesAsGoldenBytes() {
    byte[] moov = MovieBox.bytes(new VideoTrack(320, 240, AVCC, 1000), table(169));
    assertThat(box(moov, "stts"))
        .isEqualTo(
            hex(
                "00 00 00 30 73 74 74 73 00 00 00 00 00 00 00 04"
                    + " 00 00 00 02 00 00 00 21  00 00 00 01 00 00 00 22"
                    + " 00 00 00 04 00 00 00 21  00 00 00 01 00 00 00 28"));
    assertThat(box(moov, "stss"))
        .isEqualTo(hex("00 00 00 18 73 74 73 73 00 00 00 00 00 00 00 02 00 00 00 01 00 00 00 04"));
    assertThat(box(moov, "stsc"))
        .isEqualTo(
            hex(
                "00 00 00 28 73 74 73 63 00 00 00 00 00 00 00 02"
                    + " 00 00 00 01 00 00 00 03 00 00 00 01  00 00 00 03 00 00 00 02 00 00 00 01"));
    assertThat(box(moov, "stsz")).hasSize(20 + 8 * 4);
    assertThat(box(moov, "stco"))
        .isEqualTo(
            hex(
                "00 00 00 1c 73 74 63 6f 00 00 00 00 00 00 00 03"
                    + " 00 00 00 30 00 00 00 a9 00 00 01 1c"));
    byte[] avcC = box(moov, "avcC");
    assertThat(ByteBuffer.wrap(avcC, 8, avcC.length - 8)).isEqualTo(ByteBuffer.wrap(AVCC));
  }

  @Test
  void nestsTheBoxesWithConsistentSizes() {
    byte[] moov = MovieBox.bytes(new VideoTrack(320, 240, AVCC, 1000), table(169));
    List<String> path = new ArrayList<>();
    walk(moov, 0, moov.length, "", path);
    assertThat(path)
        .containsExactly(
            "moov",
            "moov/mvhd",
            "moov/trak",
            "moov/trak/tkhd",
            "moov/trak/mdia",
            "moov/trak/mdia/mdhd",
            "moov/trak/mdia/hdlr",
            "moov/trak/mdia/minf",
            "moov/trak/mdia/minf/vmhd",
            "moov/trak/mdia/minf/dinf",
            "moov/trak/mdia/minf/stbl",
            "moov/trak/mdia/minf/stbl/stsd",
            "moov/trak/mdia/minf/stbl/stts",
            "moov/trak/mdia/minf/stbl/stss",
            "moov/trak/mdia/minf/stbl/stsc",
            "moov/trak/mdia/minf/stbl/stsz",
            "moov/trak/mdia/minf/stbl/stco");
    // mvhd duration (version 0: after version/flags, two times and the timescale)
    byte[] mvhd = box(moov, "mvhd");
    assertThat(ByteBuffer.wrap(mvhd).getInt(20)).isEqualTo(1000);
    assertThat(ByteBuffer.wrap(mvhd).getInt(24)).isEqualTo(272);
    // tkhd width and height in 16.16
    byte[] tkhd = box(moov, "tkhd");
    assertThat(ByteBuffer.wrap(tkhd).getInt(tkhd.length - 8)).isEqualTo(320 << 16);
    assertThat(ByteBuffer.wrap(tkhd).getInt(tkhd.length - 4)).isEqualTo(240 << 16);
  }

  @Test
  void switchesToCo64WhenAChunkOffsetNeeds64Bits() {
    byte[] moov = MovieBox.bytes(new VideoTrack(320, 240, AVCC, 1000), table(0x1_0000_0000L));
    assertThat(new String(moov, StandardCharsets.US_ASCII)).doesNotContain("stco");
    assertThat(box(moov, "co64")).hasSize(16 + 3 * 8);
  }

  @Test
  void writesAnMdatHeaderWithALargeSizeBeyond32Bits() {
    assertThat(MediaDataBox.header(100)).isEqualTo(hex("00 00 00 6c 6d 64 61 74"));
    assertThat(MediaDataBox.header(0x1_0000_0000L))
        .isEqualTo(hex("00 00 00 01 6d 64 61 74 00 00 00 01 00 00 00 10"));
  }

  @Test
  void writesFtypWithIsomAndAvc1Brands() {
    assertThat(FileTypeBox.bytes())
        .isEqualTo(
            hex(
                "00 00 00 20 66 74 79 70 69 73 6f 6d 00 00 02 00"
                    + " 69 73 6f 6d 69 73 6f 32 61 76 63 31 6d 70 34 31"));
  }

  @Test
  void rejectsATrackWithoutAnAvcConfigurationRecord() {
    assertThatThrownBy(() -> new VideoTrack(320, 240, new byte[] {0, 1, 2, 3, 4, 5, 6}, 1000))
        .hasMessageContaining("not an AVCDecoderConfigurationRecord");
  }

  private static byte[] hex(String s) {
    return HEX.parseHex(s.replaceAll("\\s+", " ").trim());
  }

  /** The first box of {@code type} anywhere in {@code b}, header included. */
  private static byte[] box(byte[] b, String type) {
    String s = new String(b, StandardCharsets.ISO_8859_1);
    int at = s.indexOf(type) - 4;
    int size = ByteBuffer.wrap(b).getInt(at);
    return java.util.Arrays.copyOfRange(b, at, at + size);
  }

  private static final List<String> CONTAINERS = List.of("moov", "trak", "mdia", "minf", "stbl");

  private static void walk(byte[] b, int from, int to, String prefix, List<String> out) {
    int p = from;
    while (p < to) {
      int size = ByteBuffer.wrap(b).getInt(p);
      String type = new String(b, p + 4, 4, StandardCharsets.US_ASCII);
      assertThat(p + size).as("%s fits its parent", type).isLessThanOrEqualTo(to);
      out.add(prefix + type);
      if (CONTAINERS.contains(type)) {
        walk(b, p + 8, p + size, prefix + type + "/", out);
      }
      p += size;
    }
    assertThat(p).isEqualTo(to);
  }
}
