package io.camappliance.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionDescriptionTest {

  @Test
  void readsEverySectionAndAttributeOfAChromiumOffer() throws SdpException {
    SessionDescription offer = SessionDescription.parse(Offers.chromium());

    assertThat(offer.origin().sessionId()).isEqualTo("4611731400430051336");
    assertThat(offer.bundle()).contains(List.of("0", "1"));
    assertThat(offer.hasAttribute("extmap-allow-mixed")).isTrue();
    assertThat(offer.media()).extracting(MediaDescription::kind).containsExactly("audio", "video");

    MediaDescription video = offer.media().get(1);
    assertThat(video.port()).isEqualTo(9);
    assertThat(video.protocol()).isEqualTo("UDP/TLS/RTP/SAVPF");
    assertThat(video.formats()).hasSize(25).startsWith("96", "97", "102");
    assertThat(video.mid()).contains("1");
    assertThat(video.direction()).isEqualTo(Direction.RECVONLY);
    assertThat(video.rtpMaps().get(106)).isEqualTo(new RtpMap(106, "H264", 90000, 0));
    assertThat(video.fmtp(106))
        .contains("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f");
    assertThat(video.rtcpFeedback(106))
        .containsExactly("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli");
    assertThat(video.iceUfrag()).contains("Vq4L");
    assertThat(video.icePwd()).contains("c2Gx7tNBVDvE1iZ8rJpQ0kXo");
    assertThat(video.iceOptions()).containsExactly("trickle");
    assertThat(video.fingerprints())
        .singleElement()
        .extracting(Fingerprint::hashFunction)
        .isEqualTo("sha-256");
    assertThat(video.setup()).contains(Setup.ACTPASS);
    assertThat(video.extmaps())
        .hasSize(11)
        .first()
        .isEqualTo(new Extmap(14, null, "urn:ietf:params:rtp-hdrext:toffset", null));
    assertThat(video.rtcpMux()).isTrue();
    assertThat(video.candidates()).isEmpty();
    assertThat(video.attributes()).contains(new Attribute("rtcp-rsize", null));

    MediaDescription audio = offer.media().get(0);
    assertThat(audio.rtpMaps().get(111)).isEqualTo(new RtpMap(111, "opus", 48000, 2));
  }

  @Test
  void inheritsSessionLevelFingerprintAndIceOptionsAsFirefoxWritesThem() throws SdpException {
    SessionDescription offer = SessionDescription.parse(Offers.firefox());

    MediaDescription video = offer.media().get(1);
    assertThat(video.fingerprints())
        .singleElement()
        .extracting(Fingerprint::format)
        .asString()
        .startsWith("sha-256 1D:3C:8A");
    assertThat(video.iceOptions()).containsExactly("trickle");
    assertThat(video.iceUfrag()).contains("9f1e2d3c");
    assertThat(offer.media().get(0).extmaps())
        .contains(new Extmap(2, "recvonly", "urn:ietf:params:rtp-hdrext:csrc-audio-level", null));
  }

  @Test
  void readsLfOnlyInputLikeCrlf() throws SdpException {
    SessionDescription crlf = SessionDescription.parse(Offers.chromium());
    SessionDescription lf = SessionDescription.parse(Offers.chromium().replace("\r\n", "\n"));

    assertThat(lf.media()).hasSameSizeAs(crlf.media());
    assertThat(lf.media().get(1).attributes()).isEqualTo(crlf.media().get(1).attributes());
    assertThat(lf.media().get(1).icePwd()).isEqualTo(crlf.media().get(1).icePwd());
  }

  @Test
  void keepsUnknownAttributesInOrder() throws SdpException {
    SessionDescription offer =
        SessionDescription.parse(
            Offers.video(
                "96", "a=rtpmap:96 H264/90000", "a=x-google-flag:conference", "a=quality"));

    assertThat(offer.media().get(0).attributes())
        .endsWith(
            new Attribute("rtpmap", "96 H264/90000"),
            new Attribute("x-google-flag", "conference"),
            new Attribute("quality", null));
  }

  @Test
  void acceptsInformationalLinesAndCandidatesInTheOffer() throws SdpException {
    String sdp =
        Offers.video(
            "96",
            "a=rtpmap:96 H264/90000",
            "b=AS:2000",
            "a=candidate:1 1 udp 2122260223 192.0.2.1 61764 typ host generation 0",
            "a=end-of-candidates");

    MediaDescription video = SessionDescription.parse(sdp).media().get(0);

    assertThat(video.candidates()).singleElement().extracting(Candidate::port).isEqualTo(61764);
    assertThat(video.endOfCandidates()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # replaced line                          | by                                          | message
          v=0                                      | v=1                                         | line 1 'v=1': the version must be v=0
          o=- 1 2 IN IP4 127.0.0.1                 | o=- 1 2 IN IP4                              | line 2 'o=- 1 2 IN IP4': o= needs 6 fields
          o=- 1 2 IN IP4 127.0.0.1                 | o=- x 2 IN IP4 127.0.0.1                    | line 2 'o=- x 2 IN IP4 127.0.0.1': o= session id and version must be decimal
          s=-                                      | x=-                                         | line 3 'x=-': line 3 must be s=
          t=0 0                                    | t=0                                         | line 4 't=0': t= needs '<start> <stop>'
          m=video 9 UDP/TLS/RTP/SAVPF 96           | m=video 9x UDP/TLS/RTP/SAVPF 96             | line 6 'm=video 9x UDP/TLS/RTP/SAVPF 96': port '9x' is not 0..65535
          m=video 9 UDP/TLS/RTP/SAVPF 96           | m=video 70000 UDP/TLS/RTP/SAVPF 96          | line 6 'm=video 70000 UDP/TLS/RTP/SAVPF 96': port '70000' is not 0..65535
          m=video 9 UDP/TLS/RTP/SAVPF 96           | m=video 9 UDP/TLS/RTP/SAVPF 128             | line 6 'm=video 9 UDP/TLS/RTP/SAVPF 128': payload type '128' is not 0..127
          m=video 9 UDP/TLS/RTP/SAVPF 96           | m=video 9 UDP/TLS/RTP/SAVPF                 | line 6 'm=video 9 UDP/TLS/RTP/SAVPF': m= needs '<media> <port> <protocol> <format> ...', found 3 fields
          m=video 9 UDP/TLS/RTP/SAVPF 96           | m=video 9  UDP/TLS/RTP/SAVPF 96             | line 6 'm=video 9  UDP/TLS/RTP/SAVPF 96': protocol '' is not tokens
          c=IN IP4 0.0.0.0                         | c=IN IP4                                    | line 7 'c=IN IP4': c= needs
          c=IN IP4 0.0.0.0                         | t=0 0                                       | line 7 't=0 0': 't=' is not allowed in a media section
          c=IN IP4 0.0.0.0                         | y=unknown                                   | line 7 'y=unknown': 'y=' is not allowed in a media section
          c=IN IP4 0.0.0.0                         | C=IN IP4 0.0.0.0                            | line 7 'C=IN IP4 0.0.0.0': expected <type>=<value> with a lower-case type letter
          a=ice-ufrag:abcd                         | a=ice-ufrag:ab                              | line 8 'a=ice-ufrag:ab': ice-ufrag must be 4..256 characters
          a=ice-pwd:0123456789abcdefghijkl         | a=ice-pwd:short                             | line 9 'a=ice-pwd:short': ice-pwd must be 22..256
          a=setup:actpass                          | a=setup:server                              | line 11 'a=setup:server': setup 'server' is not active, passive, actpass or holdconn
          a=mid:0                                  | a=mid:                                      | line 12 'a=mid:': a=mid needs a value
          a=recvonly                               | a=sendonly\\r\\na=recvonly                    | line 14 'a=recvonly': second direction attribute; already sendonly
          a=rtpmap:96 H264/90000                   | a=rtpmap:96 H264                            | line 15 'a=rtpmap:96 H264': rtpmap encoding must be <name>/<clock rate>
          a=rtpmap:96 H264/90000                   | a=rtpmap:300 H264/90000                     | line 15 'a=rtpmap:300 H264/90000': rtpmap payload type '300' is not 0..127
          a=rtpmap:96 H264/90000                   | a=fmtp:x profile-level-id=42e01f            | line 15 'a=fmtp:x profile-level-id=42e01f': fmtp needs '<payload type 0..127> <parameters>'
          a=rtpmap:96 H264/90000                   | a=rtcp-fb:96                                | line 15 'a=rtcp-fb:96': rtcp-fb needs
          a=rtpmap:96 H264/90000                   | a=extmap:0 urn:x                            | line 15 'a=extmap:0 urn:x': extmap id '0' is not 1..4351
          a=rtpmap:96 H264/90000                   | a=candidate:1 1 udp 1 192.0.2.1 99999 typ host | line 15 'a=candidate:1 1 udp 1 192.0.2.1 99999 typ host': candidate port '99999' is not 0..65535
          a=rtpmap:96 H264/90000                   | a=mid:1                                     | line 15 'a=mid:1': second a=mid; already '0'
          a=rtpmap:96 H264/90000                   | a=bad name                                  | line 15 'a=bad name': attribute name 'bad name' is not a token
          a=rtpmap:96 H264/90000                   | a=fingerprint:sha-256 00:11                 | line 15 'a=fingerprint:sha-256 00:11': fingerprint has 2 bytes, expected 16..64
          a=group:BUNDLE 0                         | a=group:BUNDLE 0 7                          | line 5 'a=group:BUNDLE 0 7': BUNDLE names mid '7' that no media section has
          """)
  void namesTheLineAndTheOffendingText(String line, String replacement, String message) {
    String sdp =
        Offers.video("96", "a=rtpmap:96 H264/90000")
            .replace(line + "\r\n", replacement.replace("\\r\\n", "\r\n") + "\r\n");
    assertThat(sdp).isNotEqualTo(Offers.video("96", "a=rtpmap:96 H264/90000"));

    assertThatThrownBy(() -> SessionDescription.parse(sdp))
        .isInstanceOf(SdpException.class)
        .hasMessageStartingWith(message)
        .extracting(e -> ((SdpException) e).reason())
        .isEqualTo(SdpException.Reason.MALFORMED);
  }

  @Test
  void refusesADuplicateMidNamingTheSecondOne() {
    String sdp =
        Offers.video("96", "a=rtpmap:96 H264/90000")
            + Offers.lines("m=audio 9 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 0.0.0.0", "a=mid:0");

    assertThatThrownBy(() -> SessionDescription.parse(sdp))
        .isInstanceOf(SdpException.class)
        .hasMessage("line 18 'a=mid:0': mid '0' is used by an earlier media section")
        .extracting(e -> ((SdpException) e).line())
        .isEqualTo(18);
  }

  @Test
  void refusesStructureProblemsWithoutALine() {
    assertThatThrownBy(() -> SessionDescription.parse("")).hasMessage("the description is empty");
    assertThatThrownBy(() -> SessionDescription.parse("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n"))
        .hasMessage("the description ends after line 2; line 3 must be s=");
    assertThatThrownBy(() -> SessionDescription.parse("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n"))
        .hasMessage("the description has no t= line");
    assertThatThrownBy(
            () ->
                SessionDescription.parse("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n\r\nt=0 0\r\n"))
        .hasMessage("line 4 '': empty line inside the description");
    assertThatThrownBy(
            () -> SessionDescription.parse("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\0\r\nt=0 0\r\n"))
        .hasMessage("line 3 's=-\\x00': control character 0x00 at column 4");
  }

  @Test
  void refusesBodiesOverTheSizeLimits() {
    String longLine = "a=x:" + "y".repeat(SdpLines.MAX_CHARS);
    String manyLines = "a=x\r\n".repeat(SdpLines.MAX_LINES + 1);

    assertThatThrownBy(() -> SessionDescription.parse(Offers.chromium() + longLine))
        .isInstanceOf(SdpException.class)
        .hasMessageContaining("the limit is 65536")
        .extracting(e -> ((SdpException) e).httpStatus())
        .isEqualTo(413);
    assertThatThrownBy(() -> SessionDescription.parse(Offers.chromium() + manyLines))
        .hasMessage("the description has more than 1000 lines");
  }

  @Test
  void quotesLongOffendingTextShortened() {
    String sdp = Offers.video("96", "a=rtpmap:96 " + "H".repeat(200));

    assertThatThrownBy(() -> SessionDescription.parse(sdp))
        .hasMessageStartingWith("line 15 'a=rtpmap:96 HHHH")
        .hasMessageContaining("...': rtpmap encoding");
  }
}
