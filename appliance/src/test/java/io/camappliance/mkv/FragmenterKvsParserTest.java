package io.camappliance.mkv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The official KVS parser library reads what the fragmenter writes. */
class FragmenterKvsParserTest {

  @Test
  void theKvsParserLibraryResolvesEveryFrameToCompleteTrackMetadata() throws Exception {
    CollectingSink sink = new CollectingSink();
    FragmentMetadata metadata = new FragmentMetadata();
    metadata.put("camera", "front-door", true);
    Fragmenter f = new Fragmenter(FragmenterSettings.DEFAULTS, metadata, () -> true, List.of(sink));
    long t0 = 1_700_000_000_000_000L;
    for (int i = 0; i < 300; i++) {
      if (i == 120) {
        metadata.put("motion", "start", false);
        metadata.putEvent(StreamEvent.NOTIFICATION, "", java.util.Map.of("zone", "gate"));
      }
      f.onFrame(SyntheticFrames.frame(i, t0 + i * 33_333L, i % 60 == 0, SyntheticFrames.FORMAT));
    }
    f.end();

    KvsParserCheck.Result r = KvsParserCheck.read(new ByteArrayInputStream(sink.stream(0)));

    assertThat(r.problems()).isEmpty();
    assertThat(r.clusters()).isEqualTo(5);
    assertThat(r.frames()).isEqualTo(300);
    assertThat(r.keyframes()).isEqualTo(5);
  }
}
