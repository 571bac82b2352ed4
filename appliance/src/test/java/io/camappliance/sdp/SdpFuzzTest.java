package io.camappliance.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Offers and trickle fragments come from any client on the LAN. Parsing either succeeds or fails
 * with {@link SdpException} whose message names the line; an offer that parses is either answered
 * with an answer our own parser reads back section for section, or refused with a reason. The
 * corpus in {@code SdpFuzzTestInputs} holds the browser offers, fragments and broken variants.
 */
class SdpFuzzTest {

  @FuzzTest
  void parsesAnyOfferAndAnswersItOrSaysWhy(byte[] input) throws SdpException {
    String text = new String(input, StandardCharsets.UTF_8);
    SessionDescription offer;
    try {
      offer = SessionDescription.parse(text);
    } catch (SdpException e) {
      checkRefusal(e);
      return;
    }
    assertThat(offer.media().size()).isLessThanOrEqualTo(SdpLines.MAX_LINES);
    for (MediaDescription m : offer.media()) {
      assertThat(m.port()).isBetween(0, 65535);
      assertThat(m.formats()).isNotEmpty();
    }
    WhepAnswer answer;
    try {
      answer = WhepAnswer.create(offer, Offers.local(Offers.CONSTRAINED_BASELINE_31));
    } catch (SdpException e) {
      assertThat(e.reason()).isNotIn(SdpException.Reason.MALFORMED, SdpException.Reason.TOO_LARGE);
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    SessionDescription parsed = SessionDescription.parse(answer.sdp());
    assertThat(parsed.media()).hasSameSizeAs(offer.media());
    int accepted = 0;
    for (int i = 0; i < parsed.media().size(); i++) {
      MediaDescription a = parsed.media().get(i);
      assertThat(a.kind()).isEqualTo(offer.media().get(i).kind());
      assertThat(a.mid()).isEqualTo(offer.media().get(i).mid());
      if (a.port() != 0) {
        accepted++;
        assertThat(a.direction()).isEqualTo(Direction.SENDONLY);
        assertThat(a.formats()).containsExactly(Integer.toString(answer.payloadType()));
        assertThat(
                H264Parameters.parse(a.fmtp(answer.payloadType()).orElse(null)).packetizationMode())
            .isEqualTo(1);
      }
    }
    assertThat(accepted).isEqualTo(1);
  }

  @FuzzTest
  void parsesAnyTrickleFragmentOrNamesTheLine(byte[] input) throws SdpException {
    SdpFragment fragment;
    try {
      fragment = SdpFragment.parse(new String(input, StandardCharsets.UTF_8));
    } catch (SdpException e) {
      checkRefusal(e);
      return;
    }
    for (Candidate c : fragment.candidates()) {
      assertThat(Candidate.parse(c.format())).isEqualTo(c);
      assertThat(c.port()).isBetween(0, 65535);
      assertThat(c.priority()).isBetween(0L, 0xFFFF_FFFFL);
    }
  }

  private static void checkRefusal(SdpException e) {
    assertThat(e.getMessage()).isNotBlank();
    assertThat(e.reason()).isIn(SdpException.Reason.MALFORMED, SdpException.Reason.TOO_LARGE);
    if (e.line() > 0) {
      assertThat(e.getMessage()).startsWith("line " + e.line() + " '");
    }
  }
}
