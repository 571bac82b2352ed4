package io.camappliance.emulator.hls;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.emulator.archive.ChunkBytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Mp4BoxesTest {
  private static final VideoTrack TRACK = new VideoTrack(320, 240, ChunkBytes.avcC());

  /** Box types in document order, nested ones indented by depth, as {@code moov/trak/tkhd}. */
  private static List<String> tree(byte[] b, int from, int to, String parent, List<String> out) {
    int at = from;
    while (at < to) {
      int size = ByteBuffer.wrap(b, at, 4).getInt();
      String type = new String(b, at + 4, 4, StandardCharsets.US_ASCII);
      String path = parent.isEmpty() ? type : parent + "/" + type;
      out.add(path);
      int header =
          List.of("mvhd", "tkhd", "mdhd", "hdlr", "vmhd", "dref", "stsd", "trex").contains(type)
              ? 12
              : 8;
      int children =
          switch (type) {
            case "moov", "trak", "mdia", "minf", "dinf", "stbl", "mvex", "moof", "traf" -> 8;
            case "dref", "stsd" -> 16;
            case "avc1" -> 86;
            default -> -1;
          };
      if (children > 0) {
        tree(b, at + children, at + size, path, out);
      }
      assertThat(size).as("%s size", path).isGreaterThanOrEqualTo(header);
      at += size;
    }
    assertThat(at).as("boxes under %s end exactly at their parent's end", parent).isEqualTo(to);
    return out;
  }

  @Test
  void theInitSegmentIsFtypAndAMoovWithOneAvcTrackAndMvex() {
    byte[] init = InitSegment.of(TRACK);
    assertThat(tree(init, 0, init.length, "", new ArrayList<>()))
        .containsExactly(
            "ftyp",
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
            "moov/trak/mdia/minf/dinf/dref",
            "moov/trak/mdia/minf/dinf/dref/url ",
            "moov/trak/mdia/minf/stbl",
            "moov/trak/mdia/minf/stbl/stsd",
            "moov/trak/mdia/minf/stbl/stsd/avc1",
            "moov/trak/mdia/minf/stbl/stsd/avc1/avcC",
            "moov/trak/mdia/minf/stbl/stts",
            "moov/trak/mdia/minf/stbl/stsc",
            "moov/trak/mdia/minf/stbl/stco",
            "moov/trak/mdia/minf/stbl/stsz",
            "moov/mvex",
            "moov/mvex/trex");
    String s = new String(init, StandardCharsets.ISO_8859_1);
    int avcC = s.indexOf("avcC");
    byte[] record = ChunkBytes.avcC();
    byte[] inBox = new byte[record.length];
    System.arraycopy(init, avcC + 4, inBox, 0, record.length);
    assertThat(inBox).as("CodecPrivate verbatim in avcC").isEqualTo(record);
    int avc1 = s.indexOf("avc1", s.indexOf("stsd"));
    assertThat(ByteBuffer.wrap(init, avc1 + 4 + 24, 4).getInt()).isEqualTo((320 << 16) | 240);
  }

  @Test
  void aMediaSegmentDescribesEachSampleAndPointsAtItsBytes() {
    byte[] key = {0, 0, 0, 2, 0x65, (byte) 0x88};
    byte[] delta = {0, 0, 0, 1, 0x41};
    byte[] seg =
        MediaSegment.of(
            7,
            90_000L * 1_700_000_000L,
            List.of(
                new MediaSegment.Sample(3000, true, ByteBuffer.wrap(key)),
                new MediaSegment.Sample(3060, false, ByteBuffer.wrap(delta))));
    assertThat(tree(seg, 0, seg.length, "", new ArrayList<>()))
        .containsExactly(
            "moof",
            "moof/mfhd",
            "moof/traf",
            "moof/traf/tfhd",
            "moof/traf/tfdt",
            "moof/traf/trun",
            "mdat");
    ByteBuffer b = ByteBuffer.wrap(seg);
    int moofSize = b.getInt(0);
    assertThat(b.getInt(8 + 12)).as("mfhd sequence number").isEqualTo(7);
    String s = new String(seg, StandardCharsets.ISO_8859_1);
    int tfdt = s.indexOf("tfdt");
    assertThat(seg[tfdt + 4]).as("tfdt version 1").isEqualTo((byte) 1);
    assertThat(b.getLong(tfdt + 8)).isEqualTo(90_000L * 1_700_000_000L);
    int trun = s.indexOf("trun");
    assertThat(b.getInt(trun + 4)).as("trun flags").isEqualTo(0x000701);
    assertThat(b.getInt(trun + 8)).as("sample count").isEqualTo(2);
    int dataOffset = b.getInt(trun + 12);
    assertThat(dataOffset).isEqualTo(moofSize + 8);
    assertThat(b.getInt(trun + 16)).isEqualTo(3000);
    assertThat(b.getInt(trun + 20)).isEqualTo(6);
    assertThat(b.getInt(trun + 24)).as("sync sample").isEqualTo(0x02000000);
    assertThat(b.getInt(trun + 28)).isEqualTo(3060);
    assertThat(b.getInt(trun + 32)).isEqualTo(5);
    assertThat(b.getInt(trun + 36)).as("non-sync sample").isEqualTo(0x01010000);
    byte[] first = new byte[6];
    System.arraycopy(seg, dataOffset, first, 0, 6);
    assertThat(first).isEqualTo(key);
    assertThat(seg.length).isEqualTo(dataOffset + key.length + delta.length);
  }

  @Test
  void theCodecStringNamesProfileCompatibilityAndLevel() {
    assertThat(TRACK.codecs()).isEqualTo("avc1.64000d");
  }
}
