package io.camappliance.mkv;

/**
 * When the fragmenter cuts fragments (KVS data model §6).
 *
 * @param minFragmentMillis an IDR that comes sooner than this after the fragment start stays in the
 *     current fragment (e.g. one a WebRTC viewer asked for), keeping fragments at or above the
 *     service's 1 s minimum and its 5 fragments/s quota
 * @param maxFragmentMillis when a fragment reaches this length without an IDR the source is asked
 *     for one (default 10 s, the service's advice for key frame spacing)
 * @param idrGraceMillis how long after asking the fragment may still grow before it is closed
 *     without an IDR (the frames until the next IDR are then dropped and counted); the total stays
 *     below the service's 20 s maximum fragment duration
 */
public record FragmenterSettings(
    long minFragmentMillis, long maxFragmentMillis, long idrGraceMillis) {

  public static final FragmenterSettings DEFAULTS = new FragmenterSettings(1_000, 10_000, 5_000);

  /** The service rejects fragments longer than this (ErrorId 4002). */
  public static final long SERVICE_MAX_FRAGMENT_MILLIS = 20_000;

  public FragmenterSettings {
    if (minFragmentMillis < 0) {
      throw new IllegalArgumentException(
          "minimum fragment duration " + minFragmentMillis + " ms is negative");
    }
    if (maxFragmentMillis < 1_000 || maxFragmentMillis < minFragmentMillis) {
      throw new IllegalArgumentException(
          "maximum fragment duration "
              + maxFragmentMillis
              + " ms must be at least 1000 ms and at least the minimum "
              + minFragmentMillis
              + " ms");
    }
    if (idrGraceMillis < 0 || maxFragmentMillis + idrGraceMillis >= SERVICE_MAX_FRAGMENT_MILLIS) {
      throw new IllegalArgumentException(
          "maximum fragment duration "
              + maxFragmentMillis
              + " ms plus IDR grace "
              + idrGraceMillis
              + " ms must stay below the service limit of "
              + SERVICE_MAX_FRAGMENT_MILLIS
              + " ms");
    }
  }
}
