package io.camappliance.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camappliance.testing.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SrtpKeyingMaterialTest {

  @Test
  void profilesCarryTheirDtlsSrtpIdsAndLengths() {
    SrtpProfile cm = SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80;
    assertThat(cm.protectionProfileId()).isEqualTo(0x0001);
    assertThat(cm.masterKeyLength()).isEqualTo(16);
    assertThat(cm.masterSaltLength()).isEqualTo(14);
    assertThat(cm.authKeyLength()).isEqualTo(20);
    assertThat(cm.tagLength()).isEqualTo(10);
    assertThat(cm.rtcpOverhead()).isEqualTo(14);
    assertThat(cm.keyingMaterialLength()).isEqualTo(60);

    SrtpProfile gcm = SrtpProfile.SRTP_AEAD_AES_128_GCM;
    assertThat(gcm.protectionProfileId()).isEqualTo(0x0007);
    assertThat(gcm.masterKeyLength()).isEqualTo(16);
    assertThat(gcm.masterSaltLength()).isEqualTo(12);
    assertThat(gcm.authKeyLength()).isZero();
    assertThat(gcm.tagLength()).isEqualTo(16);
    assertThat(gcm.rtcpOverhead()).isEqualTo(20);
    assertThat(gcm.keyingMaterialLength()).isEqualTo(56);

    assertThat(SrtpProfile.ofProtectionProfileId(1)).contains(cm);
    assertThat(SrtpProfile.ofProtectionProfileId(7)).contains(gcm);
    assertThat(SrtpProfile.ofProtectionProfileId(2)).isEmpty(); // SHA1_32: not offered
  }

  @Test
  void splitsRfc5764ExportedMaterialInClientKeyServerKeyClientSaltServerSaltOrder() {
    // 16 x 0x0c, 16 x 0x05, 14 x 0xc5, 14 x 0x55
    byte[] m = new byte[60];
    Arrays.fill(m, 0, 16, (byte) 0x0c);
    Arrays.fill(m, 16, 32, (byte) 0x05);
    Arrays.fill(m, 32, 46, (byte) 0xc5);
    Arrays.fill(m, 46, 60, (byte) 0x55);
    SrtpKeyingMaterial k = SrtpKeyingMaterial.split(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80, m);
    assertThat(Hex.of(k.clientWriteKey())).isEqualTo("0c".repeat(16));
    assertThat(Hex.of(k.serverWriteKey())).isEqualTo("05".repeat(16));
    assertThat(Hex.of(k.clientWriteSalt())).isEqualTo("c5".repeat(14));
    assertThat(Hex.of(k.serverWriteSalt())).isEqualTo("55".repeat(14));
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void whatTheClientSendsTheServerReceivesAndTheOtherWayRound(SrtpProfile profile) {
    byte[] m = new byte[profile.keyingMaterialLength()];
    for (int i = 0; i < m.length; i++) {
      m[i] = (byte) (i * 7 + 1);
    }
    SrtpKeyingMaterial k = SrtpKeyingMaterial.split(profile, m);
    SrtpContext clientTx = k.sendingContext(true);
    SrtpContext serverRx = k.receivingContext(false);
    SrtpContext serverTx = k.sendingContext(false);
    SrtpContext clientRx = k.receivingContext(true);

    assertThat(roundTrip(clientTx, serverRx)).isEqualTo(12);
    assertThat(roundTrip(serverTx, clientRx)).isEqualTo(12);
    assertThat(roundTrip(k.sendingContext(true), k.receivingContext(true)))
        .isEqualTo(SrtpContext.AUTH_FAILED);
  }

  private static int roundTrip(SrtpContext tx, SrtpContext rx) {
    byte[] p = new byte[12 + 16];
    p[0] = (byte) 0x80;
    int n = tx.protectRtp(p, 12);
    return rx.unprotectRtp(p, n);
  }

  @Test
  void refusesMaterialOfTheWrongLengthNamingBoth() {
    assertThatThrownBy(
            () -> SrtpKeyingMaterial.split(SrtpProfile.SRTP_AEAD_AES_128_GCM, new byte[60]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("60 bytes, expected 56");
  }
}
