package io.camappliance.sdp;

/**
 * The H.264 {@code profile-level-id} (RFC 6184 §8.1): three bytes of the SPS in hex.
 *
 * <pre>
 *  profile_idc   constraint_set0..5 flags + 2 reserved bits   level_idc
 * +-----------+ +-------------------------------------------+ +---------+
 * |    42     | |  e0 = 1110 0000: set0, set1, set2         | |   1f    |   constrained baseline 3.1
 * +-----------+ +-------------------------------------------+ +---------+
 * </pre>
 *
 * Baseline with constraint_set1 is Constrained Baseline (RFC 6184 Table 5: {@code 42e0}, {@code
 * 42c0}, {@code 4240} all are); set2 only adds Extended conformance, so libopenh264's {@code
 * 42c0xx} and the browsers' {@code 42e0xx} name the same profile.
 */
public record ProfileLevelId(int profileIdc, int constraintFlags, int levelIdc) {
  /** RFC 6184 §8.1: Baseline level 1 when the parameter is absent. */
  public static final ProfileLevelId DEFAULT = new ProfileLevelId(0x42, 0x00, 0x0a);

  static final int BASELINE = 66;
  static final int MAIN = 77;
  static final int EXTENDED = 88;
  static final int HIGH = 100;
  private static final int SET1 = 0x40;
  private static final int SET3 = 0x10;
  private static final int SET4 = 0x08;
  private static final int SET5 = 0x04;

  public ProfileLevelId {
    if (profileIdc < 0
        || profileIdc > 255
        || constraintFlags < 0
        || constraintFlags > 255
        || levelIdc < 0
        || levelIdc > 255) {
      throw new IllegalArgumentException(
          "profile-level-id bytes must be 0..255: "
              + profileIdc
              + ", "
              + constraintFlags
              + ", "
              + levelIdc);
    }
  }

  /** Parses six hex digits, e.g. {@code 42e01f}. */
  public static ProfileLevelId parse(String hex) throws SdpException {
    if (hex.length() != 6) {
      throw new SdpException(
          SdpException.Reason.MALFORMED,
          "profile-level-id '" + SdpException.quote(hex) + "' is not 6 hex digits");
    }
    int[] b = new int[3];
    for (int i = 0; i < 3; i++) {
      int hi = Character.digit(hex.charAt(2 * i), 16);
      int lo = Character.digit(hex.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        throw new SdpException(
            SdpException.Reason.MALFORMED,
            "profile-level-id '" + SdpException.quote(hex) + "' is not 6 hex digits");
      }
      b[i] = hi << 4 | lo;
    }
    return new ProfileLevelId(b[0], b[1], b[2]);
  }

  /** Lower-case hex, e.g. {@code 42e01f}. */
  public String format() {
    return String.format("%02x%02x%02x", profileIdc, constraintFlags, levelIdc);
  }

  /** Baseline with constraint_set1_flag (RFC 6184 Table 5). */
  public boolean constrainedBaseline() {
    return profileIdc == BASELINE && (constraintFlags & SET1) != 0;
  }

  /**
   * The constraint flags that narrow what a decoder of this profile accepts: constraint_set1 for
   * Baseline (Constrained Baseline), set4 and set5 for the High family (Progressive and Constrained
   * High). A stream fits a receiver when it has every such flag the receiver names.
   */
  int restrictingFlags() {
    return (profileIdc == BASELINE ? SET1 : 0) | SET4 | SET5;
  }

  /**
   * The level ordered so that 1b sits between 1 and 1.1: twice level_idc, and 21 for 1b (level_idc
   * 11 with constraint_set3 in Baseline, Main and Extended; level_idc 9 elsewhere).
   */
  int levelRank() {
    boolean oneB =
        levelIdc == 9
            || (levelIdc == 11
                && (constraintFlags & SET3) != 0
                && (profileIdc == BASELINE || profileIdc == MAIN || profileIdc == EXTENDED));
    return oneB ? 21 : 2 * levelIdc;
  }

  /** The level as people write it: {@code 3.1}, {@code 4}, {@code 1b}. */
  public String levelName() {
    if (levelRank() == 21) {
      return "1b";
    }
    return levelIdc % 10 == 0
        ? Integer.toString(levelIdc / 10)
        : levelIdc / 10 + "." + levelIdc % 10;
  }

  /** The profile's name, e.g. {@code Constrained Baseline}, {@code High}. */
  public String profileName() {
    return switch (profileIdc) {
      case BASELINE -> constrainedBaseline() ? "Constrained Baseline" : "Baseline";
      case MAIN -> "Main";
      case EXTENDED -> "Extended";
      case HIGH ->
          (constraintFlags & (SET4 | SET5)) == (SET4 | SET5)
              ? "Constrained High"
              : (constraintFlags & SET4) != 0 ? "Progressive High" : "High";
      case 110 -> "High 10";
      case 122 -> "High 4:2:2";
      case 244 -> "High 4:4:4 Predictive";
      default -> "profile_idc " + profileIdc;
    };
  }

  @Override
  public String toString() {
    return profileName() + " level " + levelName() + " (" + format() + ")";
  }
}
