package io.camappliance.mkv;

import io.camappliance.media.PackagedFrame;
import io.camappliance.media.PackagedSink;
import io.camappliance.media.StreamHeader;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Collects a packaged stream as one byte stream per header, plus what each call carried. */
final class CollectingSink implements PackagedSink {
  final List<ByteArrayOutputStream> streams = new ArrayList<>();
  final List<StreamHeader> headers = new ArrayList<>();
  final List<Long> fragmentTimecodes = new ArrayList<>();
  final List<Long> sequences = new ArrayList<>();
  boolean ended;

  @Override
  public void onHeader(StreamHeader header) {
    headers.add(header);
    ByteArrayOutputStream s = new ByteArrayOutputStream();
    s.writeBytes(header.bytes());
    streams.add(s);
  }

  @Override
  public void onFrame(PackagedFrame frame) {
    byte[] b = new byte[frame.bytes().remaining()];
    frame.bytes().duplicate().get(b);
    streams.get(streams.size() - 1).writeBytes(b);
    if (frame.fragmentStart()) {
      fragmentTimecodes.add(frame.fragmentTimecodeMillis());
    }
    sequences.add(frame.sequence());
  }

  @Override
  public void onEnd() {
    ended = true;
  }

  byte[] stream(int i) {
    return streams.get(i).toByteArray();
  }
}
