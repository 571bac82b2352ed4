package io.camappliance.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KeyframeRequestsTest {
  private static final long INTERVAL = 500_000_000L;

  @Test
  void requestsWithinTheIntervalAreMergedIntoTheFirst() {
    AtomicLong now = new AtomicLong(1_000_000_000L);
    AtomicInteger encoder = new AtomicInteger();
    KeyframeRequests r =
        new KeyframeRequests(() -> encoder.incrementAndGet() > 0, INTERVAL, now::get);

    assertThat(r.request()).isTrue();
    now.addAndGet(INTERVAL - 1);
    assertThat(r.request()).isFalse();
    assertThat(r.request()).isFalse();
    now.addAndGet(1);
    assertThat(r.request()).isTrue();

    assertThat(encoder.get()).isEqualTo(2);
    assertThat(r.forwarded()).isEqualTo(2);
    assertThat(r.suppressed()).isEqualTo(2);
  }
}
