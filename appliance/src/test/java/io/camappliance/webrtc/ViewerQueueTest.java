package io.camappliance.webrtc;

import static io.camappliance.webrtc.TestFrames.frame;
import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.media.EncodedFrame;
import org.junit.jupiter.api.Test;

class ViewerQueueTest {
  @Test
  void deliveryStartsAtTheFirstIdrWithoutCountingTheFramesBeforeAsSkipped() {
    ViewerQueue q = new ViewerQueue(4);
    assertThat(q.offer(frame(0, false, 10))).isFalse();
    assertThat(q.offer(frame(1, false, 10))).isFalse();
    assertThat(q.started()).isFalse();
    assertThat(q.offer(frame(2, true, 10))).isTrue();
    assertThat(q.offer(frame(3, false, 10))).isTrue();
    assertThat(q.started()).isTrue();
    assertThat(q.poll().sequence()).isEqualTo(2);
    assertThat(q.poll().sequence()).isEqualTo(3);
    assertThat(q.poll()).isNull();
    assertThat(q.skippedFrames()).isZero();
  }

  @Test
  void aViewerThatFallsBehindSkipsToTheNextIdrAndTheSkipIsCounted() {
    ViewerQueue q = new ViewerQueue(3);
    q.offer(frame(0, true, 10));
    q.offer(frame(1, false, 10));
    q.offer(frame(2, false, 10));
    assertThat(q.offer(frame(3, false, 10))).isFalse(); // full: 0..2 are dropped as well
    assertThat(q.poll()).isNull();
    assertThat(q.offer(frame(4, false, 10))).as("P frame after a gap").isFalse();
    assertThat(q.offer(frame(5, false, 10))).isFalse();
    assertThat(q.offer(frame(6, true, 10))).isTrue();
    assertThat(q.offer(frame(7, false, 10))).isTrue();
    assertThat(q.skips()).isEqualTo(1);
    assertThat(q.skippedFrames()).isEqualTo(6); // 0..5
    EncodedFrame next = q.poll();
    assertThat(next.sequence()).isEqualTo(6);
  }

  @Test
  void clearDropsWhatIsQueued() {
    ViewerQueue q = new ViewerQueue(3);
    q.offer(frame(0, true, 10));
    q.clear();
    assertThat(q.poll()).isNull();
  }
}
