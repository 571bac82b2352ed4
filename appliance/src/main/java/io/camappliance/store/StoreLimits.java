package io.camappliance.store;

/**
 * How much a {@link ContentStore} keeps: the producer SDK's storage size, buffer duration and
 * content-view item count (KVS producer SDK reference, StorageInfo.storageSize,
 * StreamInfo.buffer_duration, "min content view items"). Whichever limit is reached first makes the
 * store evict its oldest fragment.
 *
 * <p>Sizing rule from the SDK guide: {@code averageFrameBytes × fps × bufferSeconds × 1.2}, the 1.2
 * leaving room for the bytes a ring wastes when a frame does not fit before the arena's end.
 *
 * @param maxBytes size of the byte arena, preallocated at construction (1 … 2^31 − 9)
 * @param maxDurationMillis media duration kept, from the oldest frame's start to the newest frame's
 *     end
 * @param maxFrames frames kept (the content view's item count)
 */
public record StoreLimits(long maxBytes, long maxDurationMillis, int maxFrames) {

  /** The largest Java array the arena can be on common JVMs. */
  static final long MAX_ARENA_BYTES = Integer.MAX_VALUE - 8;

  public StoreLimits {
    if (maxBytes < 1 || maxBytes > MAX_ARENA_BYTES) {
      throw new IllegalArgumentException(
          "maxBytes " + maxBytes + " is outside 1.." + MAX_ARENA_BYTES);
    }
    if (maxDurationMillis < 1) {
      throw new IllegalArgumentException(
          "maxDurationMillis " + maxDurationMillis + " is not positive");
    }
    if (maxFrames < 1 || maxFrames > 1 << 30) {
      throw new IllegalArgumentException("maxFrames " + maxFrames + " is outside 1.." + (1 << 30));
    }
  }
}
