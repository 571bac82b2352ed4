package io.camappliance.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostCandidateTest {

  @Test
  void ranksAddressesInOrderWithRfc8445Priorities() throws Exception {
    List<HostCandidate> candidates =
        HostCandidate.of(
            List.of(
                new InetSocketAddress(InetAddress.getByName("192.168.1.20"), 50000),
                new InetSocketAddress(InetAddress.getByName("10.0.0.5"), 50000),
                new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 50000)));

    // 126 << 24 | 65535 << 8 | (256 - 1), then one local-preference step (256) less each.
    assertThat(candidates)
        .extracting(HostCandidate::priority)
        .containsExactly(2130706431L, 2130706175L, 2130705919L);
    assertThat(candidates.get(0).toSdpAttribute())
        .isEqualTo("candidate:2208553214 1 udp 2130706431 192.168.1.20 50000 typ host");
  }

  @Test
  void sharesAFoundationOnlyBetweenCandidatesOfTheSameAddress() throws Exception {
    InetAddress a = InetAddress.getByName("192.168.1.20");
    HostCandidate first = new HostCandidate(new InetSocketAddress(a, 1), 65535);
    HostCandidate samePortless = new HostCandidate(new InetSocketAddress(a, 2), 100);
    HostCandidate other =
        new HostCandidate(new InetSocketAddress(InetAddress.getByName("192.168.1.21"), 1), 65535);

    assertThat(first.foundation()).isEqualTo(samePortless.foundation()).matches("[0-9]{1,10}");
    assertThat(first.foundation()).isNotEqualTo(other.foundation());
  }

  @Test
  void writesIpv6WithoutScope() throws Exception {
    HostCandidate c =
        new HostCandidate(new InetSocketAddress(InetAddress.getByName("fe80::1%1"), 9), 65535);

    assertThat(c.toSdpAttribute()).contains(" fe80:0:0:0:0:0:0:1 9 typ host");
  }

  @Test
  void refusesALocalPreferenceOutside16Bits() throws Exception {
    InetSocketAddress a = new InetSocketAddress(InetAddress.getByName("10.0.0.1"), 9);

    assertThatThrownBy(() -> new HostCandidate(a, 65536)).hasMessageContaining("65536");
  }
}
