package io.camappliance.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SdpFragmentTest {

  /** The PATCH body of RFC 9725 §4.3.1 (the WHIP example, same format). */
  private static final String RFC_EXAMPLE =
      Offers.lines(
          "a=ice-options:trickle ice2",
          "a=group:BUNDLE 0",
          "m=audio 9 RTP/AVP 0",
          "a=mid:0",
          "a=ice-ufrag:EsAw",
          "a=ice-pwd:P2uYro0UCOQ4zxjKXaWCBui1",
          "a=candidate:1387637174 1 udp 2122260223 192.0.2.1 61764 typ host generation 0 ufrag EsAw network-id 1",
          "a=candidate:3471623853 1 udp 2122194687 198.51.100.2 61765 typ host generation 0 ufrag EsAw network-id 2",
          "a=candidate:473322822 1 tcp 1518280447 192.0.2.1 9 typ host tcptype active generation 0 ufrag EsAw network-id 1",
          "a=candidate:2154773085 1 tcp 1518214911 198.51.100.2 9 typ host tcptype active generation 0 ufrag EsAw network-id 2",
          "a=end-of-candidates");

  @Test
  void readsCredentialsCandidatesAndTheEnd() throws SdpException {
    SdpFragment fragment = SdpFragment.parse(RFC_EXAMPLE);

    assertThat(fragment.iceOptions()).containsExactly("trickle", "ice2");
    assertThat(fragment.sections())
        .singleElement()
        .extracting(SdpFragment.Section::mid)
        .isEqualTo("0");
    assertThat(fragment.candidates()).hasSize(4);
    assertThat(fragment.candidates().get(2).transport()).isEqualTo("tcp");
    assertThat(fragment.candidates().get(2).extensions()).containsEntry("tcptype", "active");
    assertThat(fragment.candidates().get(1).address()).isEqualTo("198.51.100.2");
    assertThat(fragment.endOfCandidates()).isTrue();
    // As in the RFC example, the credentials sit in the media section; we take them from there.
    assertThat(fragment.iceUfrag()).isEmpty();
  }

  @Test
  void readsSessionLevelCredentialsAsChromiumSendsThem() throws SdpException {
    SdpFragment fragment =
        SdpFragment.parse(
            "a=ice-ufrag:Vq4L\na=ice-pwd:c2Gx7tNBVDvE1iZ8rJpQ0kXo\nm=video 9 UDP/TLS/RTP/SAVPF 96\na=mid:1\n"
                + "a=candidate:1 1 udp 2113937151 0c5a9e8f-5f32-4c47-9c4b-3a6b2f0d1e7c.local 54321 typ host\n");

    assertThat(fragment.iceUfrag()).contains("Vq4L");
    assertThat(fragment.icePwd()).contains("c2Gx7tNBVDvE1iZ8rJpQ0kXo");
    assertThat(fragment.candidates()).extracting(Candidate::port).containsExactly(54321);
    assertThat(fragment.endOfCandidates()).isFalse();
  }

  @Test
  void acceptsCandidatesBeforeAnyMediaLineAndAnEndOnItsOwn() throws SdpException {
    SdpFragment candidates = SdpFragment.parse("a=candidate:1 1 udp 1 192.0.2.1 5000 typ host\r\n");
    SdpFragment end = SdpFragment.parse("a=end-of-candidates\r\n");

    assertThat(candidates.sections()).singleElement().extracting(SdpFragment.Section::mid).isNull();
    assertThat(candidates.candidates()).hasSize(1);
    assertThat(end.sections()).isEmpty();
    assertThat(end.endOfCandidates()).isTrue();
    assertThat(SdpFragment.parse("").candidates()).isEqualTo(List.of());
  }

  @Test
  void namesTheLineOfAMalformedCandidate() {
    String body = RFC_EXAMPLE.replace("61765 typ host", "61765 typo host");

    assertThatThrownBy(() -> SdpFragment.parse(body))
        .isInstanceOf(SdpException.class)
        .hasMessageStartingWith(
            "line 8 'a=candidate:3471623853 1 udp 2122194687 198.51.100.2 61765 typo host")
        .hasMessageEndingWith("': candidate has 'typo' where 'typ' belongs")
        .extracting(e -> ((SdpException) e).httpStatus())
        .isEqualTo(400);
  }

  @Test
  void refusesLinesAFragmentCannotHold() {
    assertThatThrownBy(() -> SdpFragment.parse("v=0\r\na=end-of-candidates\r\n"))
        .hasMessage("line 1 'v=0': a trickle-ice-sdpfrag holds only a= and m= lines");
    assertThatThrownBy(() -> SdpFragment.parse("a=mid:0\r\nm=audio x RTP/AVP 0\r\n"))
        .hasMessage("line 2 'm=audio x RTP/AVP 0': port 'x' is not 0..65535");
  }
}
