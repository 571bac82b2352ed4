package io.camappliance.mkv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EbmlReaderTest {
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

  @ParameterizedTest(name = "{0} -> id {1} header {2} size {3}")
  @CsvSource({
    "1A 45 DF A3 A3, 1A45DFA3, 5, 35",
    "A3 81 00, A3, 2, 1",
    "E7 80, E7, 2, 0",
    "42 86 40 02, 4286, 4, 2",
    "A3 01 00 00 00 00 00 12 38, A3, 9, 4664",
    "18 53 80 67 FF, 18538067, 5, -1",
    "1F 43 B6 75 7F FF, 1F43B675, 6, -1",
    "1F 43 B6 75 01 FF FF FF FF FF FF FF, 1F43B675, 12, -1",
    "1F 43 B6 75 01 FF FF FF FF FF FF FE, 1F43B675, 12, 72057594037927934",
  })
  void readsElementHeadersWithAnyVintWidth(String hex, String id, int header, long size)
      throws IOException {
    EbmlElement e = EbmlReader.of(HEX.parseHex(hex)).readElement(0);
    assertThat(Integer.toHexString(e.id())).isEqualToIgnoringCase(id);
    assertThat(e.headerLength()).isEqualTo(header);
    assertThat(e.size()).isEqualTo(size);
    assertThat(e.unknownSize()).isEqualTo(size == -1);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "00 81, invalid element ID first byte 0x0",
    "08 11 22 33 44 81, invalid element ID first byte 0x8",
    "A3 00, invalid data size first byte 0x00",
    "1A 45, need 4 bytes for element ID",
    "A3, need 1 bytes for data size",
    "A3 40, need 2 bytes for data size",
  })
  void rejectsBadOrShortHeadersNamingTheOffsetAndValue(String hex, String message) {
    assertThatThrownBy(() -> EbmlReader.of(HEX.parseHex(hex)).readElement(0))
        .isInstanceOf(EbmlException.class)
        .hasMessageContaining("at offset ")
        .hasMessageContaining(message);
  }

  @Test
  void readsUnsignedStringAndBinaryValues() throws IOException {
    byte[] data =
        HEX.parseHex("2A D7 B1 83 0F 42 40 42 82 89 6D 61 74 72 6F 73 6B 61 00 63 A2 82 01 64");
    EbmlReader r = EbmlReader.of(data);
    EbmlElement scale = r.readElement(0);
    assertThat(r.readUnsigned(scale)).isEqualTo(1_000_000);
    EbmlElement docType = r.readElement(scale.end());
    assertThat(r.readString(docType)).isEqualTo("matroska");
    EbmlElement cp = r.readElement(docType.end());
    assertThat(r.readBytes(cp)).containsExactly(0x01, 0x64);
  }

  @Test
  void refusesIntegersWiderThanEightBytesAndDataPastTheEnd() throws IOException {
    EbmlReader wide = EbmlReader.of(HEX.parseHex("D7 89 00 00 00 00 00 00 00 00 01"));
    assertThatThrownBy(() -> wide.readUnsigned(wide.readElement(0)))
        .hasMessageContaining("has 9 bytes, maximum is 8");
    EbmlReader shortData = EbmlReader.of(HEX.parseHex("63 A2 85 01 02"));
    assertThatThrownBy(() -> shortData.readBytes(shortData.readElement(0)))
        .hasMessageContaining("need 5 bytes for bytes but only 2 remain of 5");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "A3 84 81 00 00 80, 1, 0, 128, true",
    "A3 84 82 FF FE 00, 2, -2, 0, false",
    "A3 85 40 03 7F FF 81, 3, 32767, 129, true",
  })
  void parsesSimpleBlockHeaders(String hex, long track, short tc, int flags, boolean key)
      throws IOException {
    EbmlReader r = EbmlReader.of(HEX.parseHex(hex));
    EbmlReader.SimpleBlockHeader h = r.readSimpleBlockHeader(r.readElement(0));
    assertThat(h.trackNumber()).isEqualTo(track);
    assertThat(h.relativeTimecode()).isEqualTo(tc);
    assertThat(h.flags()).isEqualTo(flags);
    assertThat(h.keyframe()).isEqualTo(key);
  }

  @Test
  void rejectsASimpleBlockShorterThanItsHeader() {
    EbmlReader r = EbmlReader.of(HEX.parseHex("A3 82 81 00"));
    assertThatThrownBy(() -> r.readSimpleBlockHeader(r.readElement(0)))
        .hasMessageContaining("SimpleBlock of 2 bytes is shorter than its header 4");
  }

  @Test
  void scansALiveStreamWithUnknownSizeSegmentAndClusters() throws IOException {
    byte[] stream = liveStream(100);
    List<String> seen = new ArrayList<>();
    EbmlReader.ScanResult result =
        EbmlReader.of(stream)
            .scan(0, (e, depth) -> seen.add(depth + ":" + Integer.toHexString(e.id())));
    assertThat(result.truncated()).isFalse();
    assertThat(result.completeEnd()).isEqualTo(stream.length);
    assertThat(seen)
        .containsExactly(
            "0:1a45dfa3",
            "0:18538067",
            "1:1549a966",
            "1:1654ae6b",
            "1:1f43b675",
            "2:e7",
            "2:a7",
            "2:a3",
            "2:a3",
            "1:1254c367",
            "1:1f43b675",
            "2:e7",
            "2:a7",
            "2:a3");
  }

  @Test
  void leavesAKnownSizeClusterAtItsEnd() throws IOException {
    byte[] stream =
        HEX.parseHex(
            "1F 43 B6 75 84 E7 82 03 E8 EC 81 00 1F 43 B6 75 FF E7 81 01 A3 84 81 00 00 80");
    List<String> seen = new ArrayList<>();
    EbmlReader.of(stream)
        .scan(0, (e, depth) -> seen.add(depth + ":" + Integer.toHexString(e.id())));
    assertThat(seen).containsExactly("1:1f43b675", "2:e7", "1:ec", "1:1f43b675", "2:e7", "2:a3");
  }

  @Test
  void stopsCleanlyAtEveryTruncationPointAndReportsTheLastCompleteElement() throws IOException {
    byte[] stream = liveStream(20);
    List<Long> boundaries = new ArrayList<>();
    EbmlReader.of(stream).scan(0, (e, d) -> boundaries.add(e.offset()));
    boundaries.add((long) stream.length);
    for (int cut = 0; cut <= stream.length; cut++) {
      EbmlReader.ScanResult r =
          EbmlReader.of(ByteBuffer.wrap(stream, 0, cut)).scan(0, (e, d) -> {});
      assertThat(r.completeEnd()).as("cut at %d", cut).isLessThanOrEqualTo(cut);
      assertThat(r.truncated()).as("cut at %d", cut).isEqualTo(r.completeEnd() != cut);
      if (r.truncated()) {
        // the reported end is the start of the first element that did not fit
        assertThat(boundaries).as("cut at %d", cut).contains(r.completeEnd());
      }
    }
  }

  @Test
  void readsTheSameFromAFileAsFromMemoryAcrossItsReadWindow(@TempDir Path dir) throws IOException {
    byte[] stream = liveStream(150_000);
    Path file = dir.resolve("s.mkv");
    Files.write(file, stream);
    List<EbmlElement> fromMemory = new ArrayList<>();
    EbmlReader.of(stream).scan(0, (e, d) -> fromMemory.add(e));
    List<EbmlElement> fromFile = new ArrayList<>();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      EbmlReader r = EbmlReader.of(ch);
      EbmlReader.ScanResult result = r.scan(0, (e, d) -> fromFile.add(e));
      assertThat(result.completeEnd()).isEqualTo(stream.length);
      EbmlElement lastBlock = fromFile.get(fromFile.size() - 1);
      assertThat(r.readSimpleBlockHeader(lastBlock).keyframe()).isTrue();
      assertThat(r.readBytes(lastBlock)).hasSize((int) lastBlock.size());
    }
    assertThat(fromFile).isEqualTo(fromMemory);
  }

  @Test
  void findsChildrenOfAKnownSizeMaster() throws IOException {
    byte[] tracks =
        el(
            MkvIds.TRACKS,
            el(
                MkvIds.TRACK_ENTRY,
                el(MkvIds.TRACK_NUMBER, 1),
                el(MkvIds.CODEC_ID, "V_MPEG4/ISO/AVC".getBytes())));
    EbmlReader r = EbmlReader.of(tracks);
    EbmlElement entry = r.findChild(r.readElement(0), MkvIds.TRACK_ENTRY);
    assertThat(r.readString(r.findChild(entry, MkvIds.CODEC_ID))).isEqualTo("V_MPEG4/ISO/AVC");
    assertThat(r.findChild(entry, MkvIds.CODEC_PRIVATE)).isNull();
  }

  /** EBML header, Segment(unknown), Info, Tracks, Cluster(unknown) x2 with a Tags between. */
  static byte[] liveStream(int blockBytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        el(MkvIds.EBML, el(MkvIds.EBML_VERSION, 1), el(MkvIds.DOC_TYPE, "matroska".getBytes())));
    out.writeBytes(HEX.parseHex("18 53 80 67 FF"));
    out.writeBytes(el(MkvIds.INFO, el(MkvIds.TIMECODE_SCALE, 1_000_000)));
    out.writeBytes(el(MkvIds.TRACKS, el(MkvIds.TRACK_ENTRY, el(MkvIds.TRACK_NUMBER, 1))));
    out.writeBytes(HEX.parseHex("1F 43 B6 75 FF"));
    out.writeBytes(el(MkvIds.TIMECODE, 1000));
    out.writeBytes(el(MkvIds.POSITION, 0));
    out.writeBytes(el(MkvIds.SIMPLE_BLOCK, block(0, 0x80, 10)));
    out.writeBytes(el(MkvIds.SIMPLE_BLOCK, block(33, 0, 10)));
    out.writeBytes(
        el(
            MkvIds.TAGS,
            el(MkvIds.TAG, el(MkvIds.SIMPLE_TAG, el(MkvIds.TAG_NAME, "k".getBytes())))));
    out.writeBytes(HEX.parseHex("1F 43 B6 75 01 FF FF FF FF FF FF FF"));
    out.writeBytes(el(MkvIds.TIMECODE, 1066));
    out.writeBytes(el(MkvIds.POSITION, 0));
    out.writeBytes(el(MkvIds.SIMPLE_BLOCK, block(0, 0x80, blockBytes)));
    return out.toByteArray();
  }

  static byte[] block(int tc, int flags, int payload) {
    byte[] b = new byte[4 + payload];
    b[0] = (byte) 0x81;
    b[1] = (byte) (tc >> 8);
    b[2] = (byte) tc;
    b[3] = (byte) flags;
    return b;
  }

  static byte[] el(int id, long uint) {
    return el(
        id, new byte[] {(byte) (uint >> 24), (byte) (uint >> 16), (byte) (uint >> 8), (byte) uint});
  }

  static byte[] el(int id, byte[]... children) {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    for (byte[] c : children) {
      data.writeBytes(c);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int idLen = id > 0xFFFFFF ? 4 : id > 0xFFFF ? 3 : id > 0xFF ? 2 : 1;
    for (int i = idLen - 1; i >= 0; i--) {
      out.write(id >>> (8 * i));
    }
    long size = data.size();
    out.write(0x08); // 5-byte vint size
    for (int i = 3; i >= 0; i--) {
      out.write((int) (size >>> (8 * i)));
    }
    out.writeBytes(data.toByteArray());
    return out.toByteArray();
  }
}
