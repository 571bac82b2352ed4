package io.camappliance.emulator.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A fragment being received: its bytes go to a temporary file as they arrive (never held whole in
 * memory) until {@link FragmentStore#commit} makes it durable and indexed, or {@link #discard}
 * drops it.
 */
public final class PendingFragment {
  final String streamName;
  final String fragmentNumber;
  final Path tempFile;
  private final FileChannel channel;
  private final SequenceRuns sequences = new SequenceRuns();
  private long size;
  private int frames;
  private boolean done;

  PendingFragment(String streamName, String fragmentNumber, Path tempFile) throws IOException {
    this.streamName = streamName;
    this.fragmentNumber = fragmentNumber;
    this.tempFile = tempFile;
    this.channel =
        FileChannel.open(
            tempFile,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
  }

  public String fragmentNumber() {
    return fragmentNumber;
  }

  public String streamName() {
    return streamName;
  }

  /** Appends chunk bytes (the buffer's remaining bytes; its position is left unchanged). */
  public void write(ByteBuffer bytes) throws IOException {
    ByteBuffer b = bytes.duplicate();
    while (b.hasRemaining()) {
      size += channel.write(b);
    }
  }

  /** Counts one frame and notes its stamp; the buffer is an AVCC access unit, left unchanged. */
  public void frame(ByteBuffer avcc) {
    frames++;
    FrameStampReader.find(avcc).ifPresent(s -> sequences.add(s.sequence()));
  }

  public long size() {
    return size;
  }

  public int frameCount() {
    return frames;
  }

  SequenceRuns sequences() {
    return sequences;
  }

  /** Flushes the bytes to disk and closes the file; the file stays under its temporary name. */
  void seal() throws IOException {
    channel.force(true);
    channel.close();
    done = true;
  }

  /** Drops the fragment; idempotent. */
  public void discard() {
    try {
      channel.close();
      Files.deleteIfExists(tempFile);
    } catch (IOException ignored) {
      // a stray temporary file is removed when the store opens next
    }
    done = true;
  }

  boolean isDone() {
    return done;
  }
}
