package io.camappliance.recording.mp4;

import java.util.Arrays;

/**
 * The samples of one track in file order, grouped into chunks (a run of samples stored together in
 * mdat), as the sample table boxes (stbl) describe them (ISO/IEC 14496-12 §8.5-8.7).
 */
public final class SampleTable {
  private int[] sizes = new int[256];
  private int[] durations = new int[256];
  private boolean[] sync = new boolean[256];
  private int count;
  private long[] chunkOffsets = new long[16];
  private int[] chunkFirstSample = new int[16];
  private int chunks;
  private long totalDuration;

  /** Starts a chunk at {@code offset} (from the start of the file); later samples belong to it. */
  public void addChunk(long offset) {
    if (chunks == chunkOffsets.length) {
      chunkOffsets = Arrays.copyOf(chunkOffsets, chunks * 2);
      chunkFirstSample = Arrays.copyOf(chunkFirstSample, chunks * 2);
    }
    chunkOffsets[chunks] = offset;
    chunkFirstSample[chunks] = count;
    chunks++;
  }

  /** Appends a sample to the current chunk. */
  public void addSample(int size, int duration, boolean isSync) {
    if (chunks == 0) {
      throw new IllegalStateException("addChunk before the first sample");
    }
    if (count == sizes.length) {
      sizes = Arrays.copyOf(sizes, count * 2);
      durations = Arrays.copyOf(durations, count * 2);
      sync = Arrays.copyOf(sync, count * 2);
    }
    sizes[count] = size;
    durations[count] = duration;
    sync[count] = isSync;
    count++;
    totalDuration += duration;
  }

  public int sampleCount() {
    return count;
  }

  public long totalDuration() {
    return totalDuration;
  }

  int size(int i) {
    return sizes[i];
  }

  int duration(int i) {
    return durations[i];
  }

  boolean sync(int i) {
    return sync[i];
  }

  int chunkCount() {
    return chunks;
  }

  long chunkOffset(int c) {
    return chunkOffsets[c];
  }

  int samplesInChunk(int c) {
    int end = c + 1 < chunks ? chunkFirstSample[c + 1] : count;
    return end - chunkFirstSample[c];
  }
}
