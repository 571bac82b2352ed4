package io.camappliance.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteArenaTest {

  @Test
  void placesFramesBackToBackUntilTheEnd() {
    ByteArena arena = new ByteArena(100);
    assertThat(arena.allocate(40, 0, true)).isEqualTo(0);
    assertThat(arena.allocate(40, 0, false)).isEqualTo(40);
    assertThat(arena.allocate(20, 0, false)).isEqualTo(80);
    assertThat(arena.used(0, false)).isEqualTo(100);
    assertThat(arena.allocate(1, 0, false)).as("full").isEqualTo(-1);
  }

  @Test
  void wrapsToTheStartWhenAFrameDoesNotFitBeforeTheEndAndCountsTheSkippedBytes() {
    ByteArena arena = new ByteArena(100);
    arena.allocate(40, 0, true);
    arena.allocate(40, 0, false);
    // The frame at 0 is gone: tail at 40. 30 bytes do not fit in the last 20.
    assertThat(arena.allocate(30, 40, false)).isEqualTo(0);
    assertThat(arena.skippedTotal()).isEqualTo(20);
    assertThat(arena.used(40, false)).as("40..100 and 0..30").isEqualTo(90);
    assertThat(arena.allocate(10, 40, false)).isEqualTo(30);
    assertThat(arena.allocate(1, 40, false)).as("caught up with the tail").isEqualTo(-1);
  }

  @Test
  void refusesAFrameThatFitsNeitherAtTheEndNorBeforeTheTail() {
    ByteArena arena = new ByteArena(100);
    arena.allocate(50, 0, true);
    arena.allocate(30, 0, false);
    assertThat(arena.allocate(25, 20, false)).isEqualTo(-1);
    assertThat(arena.skippedTotal()).isZero();
  }

  @Test
  void startsAgainAtZeroWhenEmpty() {
    ByteArena arena = new ByteArena(100);
    arena.allocate(70, 0, true);
    assertThat(arena.allocate(100, 0, true)).isEqualTo(0);
    assertThat(arena.used(0, true)).isZero();
  }
}
