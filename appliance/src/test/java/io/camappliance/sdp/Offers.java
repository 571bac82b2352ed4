package io.camappliance.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Offers for tests: the recorded browser offers and small hand-written ones. */
final class Offers {
  static final ProfileLevelId CONSTRAINED_BASELINE_31 = new ProfileLevelId(0x42, 0xe0, 0x1f);

  private Offers() {}

  /** A Chromium 120+ WHEP offer: recvonly audio (opus) and video (VP8, H.264 x6, AV1, VP9). */
  static String chromium() {
    return resource("chromium-whep-offer.sdp");
  }

  /** A Firefox WHEP offer: session-level fingerprint, H.264 126 (mode 1) and 97 (mode 0). */
  static String firefox() {
    return resource("firefox-whep-offer.sdp");
  }

  static String resource(String name) {
    try (InputStream in = Offers.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A minimal offer with one video section whose rtpmap/fmtp/rtcp-fb lines are {@code codecs}. */
  static String video(String formats, String... codecs) {
    return lines(
            "v=0",
            "o=- 1 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE 0",
            "m=video 9 UDP/TLS/RTP/SAVPF " + formats,
            "c=IN IP4 0.0.0.0",
            "a=ice-ufrag:abcd",
            "a=ice-pwd:0123456789abcdefghijkl",
            "a=fingerprint:sha-256 "
                + "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:"
                + "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF",
            "a=setup:actpass",
            "a=mid:0",
            "a=recvonly",
            "a=rtcp-mux")
        + lines(codecs);
  }

  static String lines(String... lines) {
    return List.of(lines).stream().map(l -> l + "\r\n").collect(Collectors.joining());
  }

  /** {@code sdp} without the lines that start with {@code prefix}. */
  static String without(String sdp, String prefix) {
    return sdp.lines()
        .filter(l -> !l.startsWith(prefix))
        .map(l -> l + "\r\n")
        .collect(Collectors.joining());
  }

  static AnswerParameters local(ProfileLevelId stream) {
    byte[] digest = new byte[32];
    for (int i = 0; i < digest.length; i++) {
      digest[i] = (byte) (0xa0 + i);
    }
    return new AnswerParameters(
        stream,
        "cam1",
        "0123456789012345678901",
        Fingerprint.of("sha-256", digest),
        List.of(
            Candidate.host("1", 1, "192.0.2.7", 50000, Candidate.priority(126, 65535, 1)),
            Candidate.host("2", 1, "2001:db8::7", 50000, Candidate.priority(126, 65534, 1))),
        1234567890123L,
        1,
        0x1234abcdL,
        "camera",
        "camera",
        "video");
  }
}
