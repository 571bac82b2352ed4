package io.camappliance.store;

/**
 * Told about every fragment the store evicts under buffer pressure (none of them was trimmed by an
 * acknowledgement), before its bytes are overwritten, so it can keep them elsewhere (for example on
 * disk for a later backfill) instead of losing them.
 *
 * <p>Called on the writer's thread while the store's lock is held: the fragment's bytes are intact
 * for the whole call and the reader waits meanwhile, so keep it short. It must not call back into
 * the store (such calls fail with {@link IllegalStateException}). An exception it throws is logged
 * and counted; the eviction goes on.
 */
@FunctionalInterface
public interface EvictionListener {

  /** The view is only valid during the call. */
  void onFragmentEvicted(EvictedFragment fragment);
}
