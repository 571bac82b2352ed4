package io.camappliance.recording;

/**
 * What the recorder does when local media reaches its size cap (KVS Edge Agent {@code
 * DeletionConfig.LocalSizeConfig.StrategyOnFullSize}).
 */
public enum StrategyOnFullSize {
  /** Delete the oldest segments (never the open one) until under the cap; keep recording. */
  DELETE_OLDEST_MEDIA,
  /** Stop writing new media, counting the dropped frames, until space frees. */
  DENY_NEW_MEDIA
}
