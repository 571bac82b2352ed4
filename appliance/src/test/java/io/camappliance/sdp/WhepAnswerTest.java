package io.camappliance.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WhepAnswerTest {

  private static WhepAnswer answer(String offer, String stream) throws SdpException {
    return WhepAnswer.create(
        SessionDescription.parse(offer), Offers.local(ProfileLevelId.parse(stream)));
  }

  @Test
  void answersAChromiumOfferWithTheExactH264PayloadTypeAndRejectsAudio() throws SdpException {
    WhepAnswer answer = answer(Offers.chromium(), "42e01f");

    assertThat(answer.payloadType()).isEqualTo(106);
    assertThat(answer.mid()).contains("1");
    assertThat(answer.rtcpFeedback()).containsExactly("nack", "nack pli", "ccm fir");
    assertThat(answer.remoteIceUfrag()).isEqualTo("Vq4L");
    assertThat(answer.remoteIcePwd()).isEqualTo("c2Gx7tNBVDvE1iZ8rJpQ0kXo");
    assertThat(answer.remoteFingerprints()).singleElement().asString().startsWith("sha-256 7B:8B");
    assertThat(answer.sdp())
        .contains(
            "a=group:BUNDLE 1\r\na=ice-lite\r\n",
            "m=audio 0 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\n",
            "m=video 9 UDP/TLS/RTP/SAVPF 106\r\n",
            "a=fmtp:106 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f\r\n");
  }

  @ParameterizedTest(name = "stream {0} -> payload type {1}")
  @CsvSource({
    "42e01f, 106", // exact constrained baseline
    "42c01f, 106", // libopenh264's constrained baseline: 42c0 is 42e0
    "42c028, 106", // 1080p constrained baseline, level asymmetry allowed
    "42001f, 102", // plain baseline only fits the plain baseline payload type
    "4d0028, 127",
    "640028, 112"
  })
  void picksThePayloadTypeThatFitsTheStream(String stream, int payloadType) throws SdpException {
    assertThat(answer(Offers.chromium(), stream).payloadType()).isEqualTo(payloadType);
  }

  @Test
  void answersAFirefoxOfferWithItsPacketizationMode1PayloadType() throws SdpException {
    WhepAnswer answer = answer(Offers.firefox(), "42c01f");

    assertThat(answer.payloadType()).isEqualTo(126);
    assertThat(answer.remoteFingerprints()).singleElement().asString().startsWith("sha-256 1D:3C");
    assertThat(answer.sdp())
        .contains("a=group:BUNDLE 1\r\n", "m=audio 0 UDP/TLS/RTP/SAVPF 109 9 0 8 101\r\n");
  }

  @Test
  void writesTheWholeAnswerForAMinimalOffer() throws SdpException {
    String offer =
        Offers.video(
            "96 97",
            "a=rtpmap:96 H264/90000",
            "a=rtcp-fb:96 nack",
            "a=rtcp-fb:96 nack pli",
            "a=rtcp-fb:96 transport-cc",
            "a=fmtp:96 packetization-mode=1;profile-level-id=42e01f",
            "a=rtpmap:97 rtx/90000",
            "a=fmtp:97 apt=96");

    assertThat(answer(offer, "42e01f").sdp())
        .isEqualTo(
            Offers.lines(
                "v=0",
                "o=- 1234567890123 1 IN IP4 127.0.0.1",
                "s=-",
                "t=0 0",
                "a=group:BUNDLE 0",
                "a=ice-lite",
                "m=video 9 UDP/TLS/RTP/SAVPF 96",
                "c=IN IP4 0.0.0.0",
                "a=mid:0",
                "a=sendonly",
                "a=rtcp-mux",
                "a=ice-ufrag:cam1",
                "a=ice-pwd:0123456789012345678901",
                "a=fingerprint:sha-256 A0:A1:A2:A3:A4:A5:A6:A7:A8:A9:AA:AB:AC:AD:AE:AF:"
                    + "B0:B1:B2:B3:B4:B5:B6:B7:B8:B9:BA:BB:BC:BD:BE:BF",
                "a=setup:passive",
                "a=rtpmap:96 H264/90000",
                "a=rtcp-fb:96 nack",
                "a=rtcp-fb:96 nack pli",
                "a=fmtp:96 packetization-mode=1;profile-level-id=42e01f",
                "a=msid:camera video",
                "a=ssrc:305441741 cname:camera",
                "a=candidate:1 1 udp 2130706431 192.0.2.7 50000 typ host",
                "a=candidate:2 1 udp 2130706175 2001:db8::7 50000 typ host",
                "a=end-of-candidates"));
  }

  @Test
  void endsEveryLineWithCrlfAndParsesBackAsASendonlyAnswer() throws SdpException {
    String sdp = answer(Offers.chromium(), "42e01f").sdp();

    assertThat(sdp).endsWith("\r\n").doesNotContain("\n\n");
    assertThat(sdp.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    SessionDescription parsed = SessionDescription.parse(sdp);
    assertThat(parsed.hasAttribute("ice-lite")).isTrue();
    assertThat(parsed.bundle()).contains(List.of("1"));
    MediaDescription video = parsed.media().get(1);
    assertThat(video.direction()).isEqualTo(Direction.SENDONLY);
    assertThat(video.setup()).contains(Setup.PASSIVE);
    assertThat(video.rtcpMux()).isTrue();
    assertThat(video.candidates())
        .extracting(Candidate::address)
        .containsExactly("192.0.2.7", "2001:db8::7");
    assertThat(video.endOfCandidates()).isTrue();
    assertThat(parsed.media().get(0).port()).isZero();
  }

  @Test
  void rejectsADataChannelAndASecondVideoAndKeepsThemOutOfTheBundle() throws SdpException {
    String offer =
        Offers.video(
                    "96",
                    "a=rtpmap:96 H264/90000",
                    "a=fmtp:96 packetization-mode=1;profile-level-id=42e01f")
                .replace("a=group:BUNDLE 0", "a=group:BUNDLE 0 1 2")
            + Offers.lines(
                "m=video 9 UDP/TLS/RTP/SAVPF 96",
                "c=IN IP4 0.0.0.0",
                "a=mid:1",
                "a=recvonly",
                "a=rtpmap:96 H264/90000",
                "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
                "c=IN IP4 0.0.0.0",
                "a=mid:2",
                "a=sctp-port:5000");

    String sdp = answer(offer, "42e01f").sdp();

    assertThat(sdp)
        .contains(
            "a=group:BUNDLE 0\r\n",
            "m=video 0 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\n",
            "m=application 0 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=mid:2\r\n");
    assertThat(SessionDescription.parse(sdp).media())
        .extracting(MediaDescription::port)
        .containsExactly(9, 0, 0);
  }

  @Test
  void leavesOutTheGroupWhenTheOfferDidNotBundle() throws SdpException {
    String offer =
        Offers.without(
            Offers.video(
                "96",
                "a=rtpmap:96 H264/90000",
                "a=fmtp:96 packetization-mode=1;profile-level-id=42e01f"),
            "a=group");

    assertThat(answer(offer, "42e01f").sdp()).doesNotContain("a=group");
  }

  @Test
  void namesTheOfferedCodecsWhenThereIsNoH264() {
    String offer =
        Offers.video(
            "96 97 98 45",
            "a=rtpmap:96 VP8/90000",
            "a=rtpmap:97 rtx/90000",
            "a=fmtp:97 apt=96",
            "a=rtpmap:98 VP9/90000",
            "a=rtpmap:45 AV1/90000");

    assertThatThrownBy(() -> answer(offer, "42e01f"))
        .isInstanceOf(SdpException.class)
        .hasMessage(
            "the camera streams H.264 (profile-level-id 42e01f, packetization-mode=1);"
                + " the offer had: VP8, VP9, AV1")
        .extracting(e -> ((SdpException) e).reason())
        .isEqualTo(SdpException.Reason.NO_H264);
  }

  @Test
  void saysWhenH264IsOfferedOnlyInPacketizationMode0() {
    String offer =
        Offers.video(
            "104 108",
            "a=rtpmap:104 H264/90000",
            "a=fmtp:104 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42001f",
            "a=rtpmap:108 H264/90000",
            "a=fmtp:108 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42e01f");

    assertThatThrownBy(() -> answer(offer, "42e01f"))
        .hasMessage(
            "the camera streams H.264 (profile-level-id 42e01f, packetization-mode=1); no offered"
                + " H.264 payload type can carry Constrained Baseline level 3.1 (42e01f):"
                + " 104 packetization-mode=0 (the camera needs 1 to fragment large frames);"
                + " 108 packetization-mode=0 (the camera needs 1 to fragment large frames)")
        .extracting(e -> ((SdpException) e).reason())
        .isEqualTo(SdpException.Reason.H264_INCOMPATIBLE);
  }

  @Test
  void saysWhichProfileTheOfferLacks() {
    String offer =
        Offers.video(
            "112 99",
            "a=rtpmap:112 H264/90000",
            "a=fmtp:112 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=64001f",
            "a=rtpmap:99 H264/90000",
            "a=fmtp:99 packetization-mode=1;profile-level-id=42zz1f");

    assertThatThrownBy(() -> answer(offer, "42e01f"))
        .hasMessageEndingWith(
            "112 High (64001f) cannot carry Constrained Baseline;"
                + " 99 profile-level-id '42zz1f' is not 6 hex digits");
  }

  @ParameterizedTest(name = "without {0}")
  @CsvSource({"a=ice-ufrag", "a=ice-pwd", "a=fingerprint", "a=rtcp-mux"})
  void namesTheMissingTransportAttribute(String attribute) {
    String offer =
        Offers.without(
            Offers.video(
                "96",
                "a=rtpmap:96 H264/90000",
                "a=fmtp:96 packetization-mode=1;profile-level-id=42e01f"),
            attribute);

    assertThatThrownBy(() -> answer(offer, "42e01f"))
        .isInstanceOf(SdpException.class)
        .hasMessage("the offer's video m-line has no " + attribute + " (WebRTC requires it)")
        .satisfies(
            e -> {
              assertThat(((SdpException) e).reason())
                  .isEqualTo(SdpException.Reason.MISSING_ATTRIBUTE);
              assertThat(((SdpException) e).httpStatus()).isEqualTo(400);
            });
  }

  @Test
  void refusesAnOfferWithoutVideo() {
    String offer =
        Offers.lines(
            "v=0",
            "o=- 1 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111",
            "a=rtpmap:111 opus/48000/2");

    assertThatThrownBy(() -> answer(offer, "42e01f"))
        .hasMessage(
            "the offer has no video m-line the camera can answer (m-lines: audio); add a recvonly"
                + " video transceiver")
        .extracting(e -> ((SdpException) e).reason())
        .isEqualTo(SdpException.Reason.NO_VIDEO);
  }

  @Test
  void refusesVideoTheBrowserWouldNotReceive() {
    String offer =
        Offers.video(
                "96",
                "a=rtpmap:96 H264/90000",
                "a=fmtp:96 packetization-mode=1;profile-level-id=42e01f")
            .replace("a=recvonly", "a=sendonly");

    assertThatThrownBy(() -> answer(offer, "42e01f"))
        .hasMessage(
            "the offer's video m-line is sendonly; the camera only sends, so it must be recvonly"
                + " or sendrecv")
        .extracting(e -> ((SdpException) e).reason())
        .isEqualTo(SdpException.Reason.VIDEO_NOT_RECEIVABLE);
  }

  @Test
  void acceptsSendrecvVideoAndAnswersSendonly() throws SdpException {
    String offer =
        Offers.video(
                "96",
                "a=rtpmap:96 H264/90000",
                "a=fmtp:96 packetization-mode=1;profile-level-id=42e01f")
            .replace("a=recvonly", "a=sendrecv");

    assertThat(answer(offer, "42e01f").sdp()).contains("a=sendonly\r\n").doesNotContain("sendrecv");
  }

  @Test
  void refusesAPassiveOfferBecauseTheCameraIsTheDtlsServer() {
    String offer =
        Offers.video(
                "96",
                "a=rtpmap:96 H264/90000",
                "a=fmtp:96 packetization-mode=1;profile-level-id=42e01f")
            .replace("a=setup:actpass", "a=setup:passive");

    assertThatThrownBy(() -> answer(offer, "42e01f"))
        .hasMessage(
            "the offer has a=setup:passive; the camera is always the DTLS server, so offer actpass"
                + " or active")
        .extracting(e -> ((SdpException) e).reason())
        .isEqualTo(SdpException.Reason.UNSUPPORTED_TRANSPORT);
  }
}
