package io.camappliance.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camappliance.h264.AnnexB;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessUnitSplitterTest {

  /** Hands out at most {@code chunk} bytes per read, so start codes straddle reads. */
  private static InputStream trickle(byte[] data, int chunk) {
    return new FilterInputStream(new ByteArrayInputStream(data)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, chunk));
      }
    };
  }

  private static List<byte[]> split(InputStream in) throws IOException {
    AccessUnitSplitter splitter = new AccessUnitSplitter(in);
    List<byte[]> units = new ArrayList<>();
    int n;
    while ((n = splitter.next()) >= 0) {
      units.add(Arrays.copyOfRange(splitter.buffer(), splitter.offset(), splitter.offset() + n));
    }
    return units;
  }

  private static List<Integer> types(byte[] au) {
    List<Integer> types = new ArrayList<>();
    AnnexB.forEachNalUnit(au, 0, au.length, (b, o, l) -> types.add(b[o] & 0x1F));
    return types;
  }

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  @Test
  void startsANewAccessUnitAtParameterSetsAndAtSlicesWithFirstMbZero() throws IOException {
    byte[] stream =
        hex(
            "ff ff" // garbage before the first start code is dropped
                + " 00000001 09f0" // AUD
                + " 00000001 6742 c01e" // SPS
                + " 00000001 68ce 3c80" // PPS
                + " 00000001 6588 8400" // IDR slice, first_mb_in_slice 0
                + " 000001 6500 1234" // IDR slice, first_mb_in_slice != 0: same picture
                + " 00000001 419a 0202" // P slice, first_mb 0: new access unit
                + " 00000001 0605 0180" // SEI: new access unit
                + " 00000001 4188 1111"); // P slice after the SEI: same access unit
    for (int chunk : new int[] {1, 3, 5, stream.length}) {
      List<byte[]> units = split(trickle(stream, chunk));
      assertThat(units).as("chunk %d", chunk).hasSize(3);
      assertThat(types(units.get(0))).containsExactly(9, 7, 8, 5, 5);
      assertThat(types(units.get(1))).containsExactly(1);
      assertThat(types(units.get(2))).containsExactly(6, 1);
      assertThat(units.get(1)).startsWith(0, 0, 0, 1, 0x41);
    }
  }

  @Test
  void returnsEndOfStreamForAnEmptyOrGarbageStream() throws IOException {
    assertThat(split(new ByteArrayInputStream(new byte[0]))).isEmpty();
    assertThat(split(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5}))).isEmpty();
  }

  @Test
  void cutsAnEncodersStreamIntoOneAccessUnitPerFrame(@TempDir Path dir) throws Exception {
    Path clip = Clips.make(dir.resolve("clip.h264"), 15, 5);
    byte[] stream = Files.readAllBytes(clip);
    List<byte[]> units = split(trickle(stream, 997));
    assertThat(units).hasSize(15);
    for (int i = 0; i < units.size(); i++) {
      List<Integer> t = types(units.get(i));
      assertThat(t.stream().filter(x -> x == 1 || x == 5)).as("frame %d", i).hasSize(1);
      assertThat(t.contains(5)).isEqualTo(i % 5 == 0);
    }
    assertThat(units.stream().mapToInt(u -> u.length).sum()).isEqualTo(stream.length);
  }

  @Test
  void keepsEverySliceOfAMultiSlicePictureTogether(@TempDir Path dir) throws Exception {
    Path clip = Clips.make(dir.resolve("slices.h264"), 6, 3, "slices=4");
    List<byte[]> units = split(trickle(Files.readAllBytes(clip), 4096));
    assertThat(units).hasSize(6);
    for (byte[] au : units) {
      assertThat(types(au).stream().filter(x -> x == 1 || x == 5)).hasSize(4);
    }
  }

  @Test
  void failsOnAnAccessUnitBeyondTheLimit() {
    byte[] header = hex("00000001 6588 8400");
    InputStream endless =
        new InputStream() {
          int pos;

          @Override
          public int read() {
            return pos < header.length ? header[pos++] & 0xFF : 0x55;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            int n = 0;
            while (n < len) {
              b[off + n++] = (byte) read();
            }
            return n;
          }
        };
    assertThatThrownBy(() -> new AccessUnitSplitter(endless).next())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("exceeds the limit of " + AccessUnitSplitter.MAX_ACCESS_UNIT);
  }
}
