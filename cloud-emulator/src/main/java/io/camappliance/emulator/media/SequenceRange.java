package io.camappliance.emulator.media;

/** A run of consecutive frame sequence numbers, both ends inclusive. */
public record SequenceRange(long first, long last) {
  public long count() {
    return last - first + 1;
  }
}
