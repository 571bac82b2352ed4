package io.camappliance.emulator.archive;

import static io.camappliance.emulator.archive.ChunkBytes.concat;
import static io.camappliance.emulator.archive.ChunkBytes.el;
import static io.camappliance.emulator.archive.ChunkBytes.u;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StoredChunkTest {

  @Test
  void findsTheHeaderTheTracksAndTheBlocksOfAStoredChunk() {
    byte[] bytes = ChunkBytes.chunk(ChunkBytes.avcC());
    StoredChunk c = StoredChunk.parse(bytes);
    assertThat(bytes[c.headerEnd()] & 0xFF).as("Tags ID first byte").isEqualTo(0x12);
    assertThat(bytes[c.clusterStart()] & 0xFF).as("Cluster ID first byte").isEqualTo(0x1F);
    assertThat(c.timecodeScaleNanos()).isEqualTo(1_000_000);
    assertThat(c.tracks()).hasSize(1);
    StoredChunk.Track t = c.videoTrack().orElseThrow();
    assertThat(t.codecId()).isEqualTo("V_MPEG4/ISO/AVC");
    assertThat(t.codecPrivate()).isEqualTo(ChunkBytes.avcC());
    assertThat(t.width()).isEqualTo(320);
    assertThat(t.height()).isEqualTo(240);
    assertThat(c.clusterTimecode()).isEqualTo(1000);
    assertThat(c.blocks()).hasSize(2);
    assertThat(c.blocks().get(0).key()).isTrue();
    assertThat(c.blocks().get(1).key()).isFalse();
    assertThat(c.blocks().get(1).relativeTimecode()).isEqualTo(33);
    assertThat(c.blocks().get(0).data()).isEqualTo(ByteBuffer.wrap(u(0, 0, 0, 2, 0x65, 0x88)));
  }

  @Test
  void readsANegativeBlockTimecodeAndKeyFramesInBlockGroups() {
    byte[] bytes =
        concat(
            Arrays.copyOf(ChunkBytes.chunk(null), ChunkBytes.chunk(null).length - 24),
            el(0xA0, el(0xA1, u(0x81, 0xFF, 0xFE, 0x00, 0x11))),
            el(0xA0, el(0xA1, u(0x81, 0x00, 0x05, 0x00, 0x22)), el(0xFB, u(0x05))));
    StoredChunk c = StoredChunk.parse(bytes);
    assertThat(c.blocks()).hasSize(2);
    assertThat(c.blocks().get(0).relativeTimecode()).isEqualTo(-2);
    assertThat(c.blocks().get(0).key()).isTrue();
    assertThat(c.blocks().get(1).key()).isFalse();
  }

  @Test
  void aTruncatedChunkFailsWithTheOffsetAndTheBytesLeft() {
    byte[] bytes = ChunkBytes.chunk(ChunkBytes.avcC());
    byte[] cut = Arrays.copyOf(bytes, bytes.length - 3);
    assertThatThrownBy(() -> StoredChunk.parse(cut))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bytes, only");
  }

  @Test
  void aChunkWithoutClusterOrWithAnotherFirstElementIsRefused() {
    assertThatThrownBy(() -> StoredChunk.parse(concat(el(0x1A45DFA3), el(0x1549A966))))
        .hasMessage("expected element 0x18538067 at 5, found 0x1549a966");
    assertThatThrownBy(
            () -> StoredChunk.parse(concat(el(0x1A45DFA3), ChunkBytes.unknownSize(0x18538067))))
        .hasMessage("chunk of 10 bytes has no Cluster");
    assertThatThrownBy(() -> StoredChunk.parse(el(0xEC)))
        .hasMessageContaining("expected element 0x1a45dfa3 at 0, found 0xec");
  }
}
