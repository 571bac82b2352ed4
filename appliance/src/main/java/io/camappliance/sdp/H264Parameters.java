package io.camappliance.sdp;

import java.util.Locale;
import java.util.Optional;

/**
 * The H.264 format parameters of an {@code a=fmtp} line that decide whether a payload type can
 * carry our stream (RFC 6184 §8.1, §8.2.2):
 *
 * <pre>
 * a=fmtp:106 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f
 * </pre>
 *
 * Absent parameters take the RFC defaults: profile-level-id {@code 42000a}, packetization-mode 0,
 * no level asymmetry. Other parameters (sprop-parameter-sets, max-mbps, ...) are ignored.
 */
public record H264Parameters(
    ProfileLevelId profileLevelId, int packetizationMode, boolean levelAsymmetryAllowed) {

  /** The parameters for an fmtp value; {@code null} or empty means all defaults. */
  public static H264Parameters parse(String fmtp) throws SdpException {
    ProfileLevelId profile = ProfileLevelId.DEFAULT;
    int mode = 0;
    boolean asymmetry = false;
    if (fmtp != null) {
      for (String parameter : fmtp.split(";")) {
        String p = parameter.trim();
        if (p.isEmpty()) {
          continue;
        }
        int eq = p.indexOf('=');
        String key = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
        String value = eq < 0 ? "" : p.substring(eq + 1).trim();
        switch (key) {
          case "profile-level-id" -> profile = ProfileLevelId.parse(value);
          case "packetization-mode" -> {
            long m = SdpLines.number(value, 2);
            if (m < 0) {
              throw new SdpException(
                  SdpException.Reason.MALFORMED,
                  "packetization-mode '" + SdpException.quote(value) + "' is not 0, 1 or 2");
            }
            mode = (int) m;
          }
          case "level-asymmetry-allowed" -> asymmetry = value.equals("1");
          default -> {
            // Not needed to choose a payload type.
          }
        }
      }
    }
    return new H264Parameters(profile, mode, asymmetry);
  }

  /** Whether this payload type can carry {@code stream}; see {@link #incompatibility}. */
  public boolean canCarry(ProfileLevelId stream) {
    return incompatibility(stream).isEmpty();
  }

  /**
   * Why this payload type cannot carry a stream with the given SPS profile, constraint flags and
   * level, or empty when it can:
   *
   * <ul>
   *   <li>packetization-mode must be 1: our frames are larger than one packet and go out as FU-A
   *       fragments (RFC 6184 §6.3), which mode 0 forbids.
   *   <li>the profile_idc must be the same, and the stream must have each constraint flag the
   *       receiver asks for ({@link ProfileLevelId#restrictingFlags}); 42e0 and 42c0 are equal.
   *   <li>the stream's level must not exceed the offered one, unless level-asymmetry-allowed=1.
   *       Strictly that flag only frees the answerer's own receive level, but browsers offer level
   *       3.1 for every H.264 format whatever their decoders handle, and play 1080p at level 4.0 on
   *       it; the flag is their sign that the level is not a limit.
   * </ul>
   */
  public Optional<String> incompatibility(ProfileLevelId stream) {
    if (packetizationMode != 1) {
      return Optional.of(
          "packetization-mode="
              + packetizationMode
              + " (the camera needs 1 to fragment large frames)");
    }
    ProfileLevelId offered = profileLevelId;
    int needed = offered.constraintFlags() & offered.restrictingFlags();
    if (offered.profileIdc() != stream.profileIdc()
        || (stream.constraintFlags() & needed) != needed) {
      return Optional.of(
          offered.profileName()
              + " ("
              + offered.format()
              + ") cannot carry "
              + stream.profileName());
    }
    if (stream.levelRank() > offered.levelRank() && !levelAsymmetryAllowed) {
      return Optional.of(
          "level "
              + offered.levelName()
              + " ("
              + offered.format()
              + ") is below the stream's level "
              + stream.levelName()
              + " and level-asymmetry-allowed is not 1");
    }
    return Optional.empty();
  }

  /**
   * How well this payload type fits {@code stream}, higher is better, -1 when it cannot carry it:
   * same constraint byte, then the same profile up to set0/set2, then any compatible; within each,
   * a level that fits without relying on level asymmetry.
   */
  int score(ProfileLevelId stream) {
    if (!canCarry(stream)) {
      return -1;
    }
    int quiet = 0x05 << 5; // constraint_set0 and set2 do not change what Baseline decoders accept
    int match;
    if (profileLevelId.constraintFlags() == stream.constraintFlags()) {
      match = 3;
    } else if ((profileLevelId.constraintFlags() | quiet) == (stream.constraintFlags() | quiet)) {
      match = 2;
    } else {
      match = 1;
    }
    boolean levelFits = stream.levelRank() <= profileLevelId.levelRank();
    return match * 2 + (levelFits ? 1 : 0);
  }

  /** The fmtp value in RFC order, e.g. {@code profile-level-id=42e01f;packetization-mode=1}. */
  public String format() {
    return "profile-level-id="
        + profileLevelId.format()
        + ";packetization-mode="
        + packetizationMode
        + (levelAsymmetryAllowed ? ";level-asymmetry-allowed=1" : "");
  }
}
