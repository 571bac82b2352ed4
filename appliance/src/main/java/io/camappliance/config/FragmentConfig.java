package io.camappliance.config;

/**
 * {@code [fragments]}: how the MKV fragmenter cuts KVS fragments.
 *
 * @param minDurationMillis an IDR sooner than this stays in the current fragment (default 1000)
 * @param maxDurationMillis ask the camera for an IDR when a fragment reaches this (default 10000)
 */
public record FragmentConfig(long minDurationMillis, long maxDurationMillis) {
  public static final FragmentConfig DEFAULTS = new FragmentConfig(1_000, 10_000);
}
