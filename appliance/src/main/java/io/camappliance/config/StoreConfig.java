package io.camappliance.config;

/**
 * {@code [store]}: the in-memory content store that holds fragments until KVS acknowledges them.
 *
 * @param maxMegabytes memory for fragment bytes (default 64)
 * @param maxDurationSeconds the longest span kept (default 120)
 */
public record StoreConfig(int maxMegabytes, int maxDurationSeconds) {
  public static final StoreConfig DEFAULTS = new StoreConfig(64, 120);
}
