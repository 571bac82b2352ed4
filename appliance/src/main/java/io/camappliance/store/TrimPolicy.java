package io.camappliance.store;

/**
 * Which acknowledgement lets the store drop a fragment (KVS producer SDK: trim on PERSISTED; a
 * stream with retention 0 never sends PERSISTED, so RECEIVED has to do).
 */
public enum TrimPolicy {
  /** Drop a fragment once RECEIVED (or PERSISTED) arrives: streams with retention 0. */
  ON_RECEIVED,
  /** Drop a fragment once PERSISTED arrives: streams that retain media. */
  ON_PERSISTED;

  /** The policy for a stream's data retention period in hours (0 means no retention). */
  public static TrimPolicy forRetentionHours(long retentionHours) {
    if (retentionHours < 0) {
      throw new IllegalArgumentException("retentionHours " + retentionHours + " is negative");
    }
    return retentionHours == 0 ? ON_RECEIVED : ON_PERSISTED;
  }

  /** True when an acknowledgement of this kind lets the store drop the fragment. */
  public boolean trimsOn(AckKind kind) {
    return kind == AckKind.PERSISTED || (this == ON_RECEIVED && kind == AckKind.RECEIVED);
  }
}
