package io.camappliance.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class H264ParametersTest {

  @Test
  void readsTheThreeParametersAndIgnoresOthers() throws SdpException {
    H264Parameters p =
        H264Parameters.parse(
            "level-asymmetry-allowed=1; packetization-mode=1;profile-level-id=640C28;sprop-parameter-sets=Z0LAHtoCgL/lwEQAAAMABAAAAwDIPFi6gA==,aM4PyA==");

    assertThat(p.profileLevelId()).isEqualTo(new ProfileLevelId(0x64, 0x0c, 0x28));
    assertThat(p.packetizationMode()).isEqualTo(1);
    assertThat(p.levelAsymmetryAllowed()).isTrue();
    assertThat(p.profileLevelId().profileName()).isEqualTo("Constrained High");
    assertThat(p.profileLevelId().levelName()).isEqualTo("4");
  }

  @Test
  void absentParametersTakeTheRfcDefaults() throws SdpException {
    H264Parameters p = H264Parameters.parse(null);

    assertThat(p).isEqualTo(new H264Parameters(new ProfileLevelId(0x42, 0, 0x0a), 0, false));
    assertThat(H264Parameters.parse("")).isEqualTo(p);
  }

  @Test
  void formatsProfileLevelIdInLowerCaseAndNamesLevels() throws SdpException {
    assertThat(ProfileLevelId.parse("42E01F").format()).isEqualTo("42e01f");
    assertThat(ProfileLevelId.parse("42e01f").toString())
        .isEqualTo("Constrained Baseline level 3.1 (42e01f)");
    assertThat(ProfileLevelId.parse("42f00b").levelName()).isEqualTo("1b");
    assertThat(ProfileLevelId.parse("640009").levelName()).isEqualTo("1b");
    assertThat(ProfileLevelId.parse("4d0032").profileName()).isEqualTo("Main");
  }

  @Test
  void refusesMalformedValuesSayingWhich() {
    assertThatThrownBy(() -> H264Parameters.parse("profile-level-id=42e0"))
        .hasMessage("profile-level-id '42e0' is not 6 hex digits");
    assertThatThrownBy(() -> H264Parameters.parse("profile-level-id=42e0zz"))
        .hasMessage("profile-level-id '42e0zz' is not 6 hex digits");
    assertThatThrownBy(() -> H264Parameters.parse("packetization-mode=3"))
        .hasMessage("packetization-mode '3' is not 0, 1 or 2");
  }

  @ParameterizedTest(name = "{0} carries {1}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # offered fmtp                                                       | stream | why not (empty: can carry)
          level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f | 42e01f |
          level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f | 42c01f |
          level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f | 42c028 |
          packetization-mode=1;profile-level-id=42e01f                           | 42c028 | level 3.1 (42e01f) is below the stream's level 4 and level-asymmetry-allowed is not 1
          packetization-mode=1;profile-level-id=42e028                           | 42c028 |
          level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f | 42e01f |
          level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f | 42001f | Constrained Baseline (42e01f) cannot carry Baseline
          level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42e01f | 42e01f | packetization-mode=0 (the camera needs 1 to fragment large frames)
          profile-level-id=42e01f                                                | 42e01f | packetization-mode=0 (the camera needs 1 to fragment large frames)
          level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d001f | 42e01f | Main (4d001f) cannot carry Constrained Baseline
          level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d001f | 4d0028 |
          level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=64001f | 640028 |
          level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=640c1f | 640028 | Constrained High (640c1f) cannot carry High
          level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=640c1f | 640c28 |
          level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=64001f | 4d0028 | High (64001f) cannot carry Main
          packetization-mode=1;profile-level-id=42f00b                           | 42e00b | level 1b (42f00b) is below the stream's level 1.1 and level-asymmetry-allowed is not 1
          packetization-mode=1;profile-level-id=42e00b                           | 42f00b |
          """)
  void decidesWhetherAPayloadTypeCanCarryTheStream(String fmtp, String stream, String whyNot)
      throws SdpException {
    H264Parameters offered = H264Parameters.parse(fmtp);
    ProfileLevelId ours = ProfileLevelId.parse(stream);

    if (whyNot == null) {
      assertThat(offered.incompatibility(ours)).isEmpty();
      assertThat(offered.canCarry(ours)).isTrue();
    } else {
      assertThat(offered.incompatibility(ours)).contains(whyNot);
      assertThat(offered.canCarry(ours)).isFalse();
    }
  }

  @Test
  void prefersTheSameConstraintByteThenTheSameProfileThenTheLevelThatFits() throws SdpException {
    ProfileLevelId openh264 = ProfileLevelId.parse("42c01f");
    int exact =
        H264Parameters.parse("packetization-mode=1;profile-level-id=42c01f").score(openh264);
    int constrained =
        H264Parameters.parse("packetization-mode=1;profile-level-id=42e01f").score(openh264);
    int baseline =
        H264Parameters.parse("packetization-mode=1;profile-level-id=42001f").score(openh264);
    int lowerLevel =
        H264Parameters.parse(
                "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e00d")
            .score(openh264);

    assertThat(exact).isGreaterThan(constrained);
    assertThat(constrained).isGreaterThan(lowerLevel);
    assertThat(lowerLevel).isGreaterThan(baseline);
    assertThat(baseline).isPositive();
  }
}
