package io.camappliance.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayWindowTest {

  @Test
  void acceptsNewIndicesOnceAndForgetsThoseMoreThan64Behind() {
    ReplayWindow w = new ReplayWindow();
    assertThat(w.check(1000)).isEqualTo(ReplayWindow.FRESH);
    w.accept(1000);
    assertThat(w.check(1000)).isEqualTo(SrtpContext.REPLAYED);
    assertThat(w.check(999)).isEqualTo(ReplayWindow.FRESH);
    assertThat(w.check(1000 - 63)).isEqualTo(ReplayWindow.FRESH);
    assertThat(w.check(1000 - 64)).isEqualTo(SrtpContext.TOO_OLD);
    assertThat(w.check(0)).isEqualTo(SrtpContext.TOO_OLD);

    w.accept(990);
    assertThat(w.check(990)).isEqualTo(SrtpContext.REPLAYED);
    w.accept(1010);
    assertThat(w.highest()).isEqualTo(1010);
    assertThat(w.check(990)).isEqualTo(SrtpContext.REPLAYED);
    assertThat(w.check(1000)).isEqualTo(SrtpContext.REPLAYED);
    assertThat(w.check(995)).isEqualTo(ReplayWindow.FRESH);

    w.accept(1010 + 200); // a jump wider than the window clears it
    assertThat(w.check(1010 + 199)).isEqualTo(ReplayWindow.FRESH);
    assertThat(w.check(1010)).isEqualTo(SrtpContext.TOO_OLD);
  }
}
