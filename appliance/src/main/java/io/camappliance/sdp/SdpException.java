package io.camappliance.sdp;

/**
 * An offer, answer or trickle fragment we cannot use, with the {@link Reason} the HTTP layer maps
 * to a status and a message meant for the person who wrote the client: it names the line number and
 * the offending text for malformed input, or what the camera needs for an offer it cannot answer.
 */
public final class SdpException extends Exception {

  /** Why the description was refused; {@link #httpStatus()} is the WHEP response status. */
  public enum Reason {
    /** A line breaks the SDP grammar (RFC 8866, RFC 8839, RFC 8840); the message names it. */
    MALFORMED(400),
    /** Longer than {@link SdpLines#MAX_CHARS} characters or {@link SdpLines#MAX_LINES} lines. */
    TOO_LARGE(413),
    /** The offer has no {@code m=video} section. */
    NO_VIDEO(400),
    /** The offered video section does not let the browser receive (sendonly or inactive). */
    VIDEO_NOT_RECEIVABLE(400),
    /** The video section offers no H.264 at all. */
    NO_H264(400),
    /** H.264 is offered, but no payload type can carry the camera's stream. */
    H264_INCOMPATIBLE(400),
    /** A required attribute is missing: ice-ufrag, ice-pwd, fingerprint or rtcp-mux. */
    MISSING_ATTRIBUTE(400),
    /** A transport the camera does not speak: a non-DTLS-SRTP profile, or a=setup:passive. */
    UNSUPPORTED_TRANSPORT(400);

    private final int httpStatus;

    Reason(int httpStatus) {
      this.httpStatus = httpStatus;
    }

    public int httpStatus() {
      return httpStatus;
    }
  }

  private static final int MAX_QUOTED = 80;

  private final Reason reason;
  private final int line;

  public SdpException(Reason reason, String message) {
    this(reason, 0, message);
  }

  private SdpException(Reason reason, int line, String message) {
    super(message);
    this.reason = reason;
    this.line = line;
  }

  /** A malformed line: "line 7 'm=video x UDP/TLS/RTP/SAVPF 96': port 'x' is not 0..65535". */
  static SdpException at(int line, String text, String detail) {
    return new SdpException(
        Reason.MALFORMED, line, "line " + line + " '" + quote(text) + "': " + detail);
  }

  public Reason reason() {
    return reason;
  }

  /** The HTTP status for this reason (400, or 413 for an oversized body). */
  public int httpStatus() {
    return reason.httpStatus();
  }

  /** The 1-based line number of a malformed line, or 0 when the problem is not one line's. */
  public int line() {
    return line;
  }

  /** The text, shortened and with control characters escaped, so a message stays one line. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < MAX_QUOTED; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (out.length() >= MAX_QUOTED && text.length() > MAX_QUOTED) {
      out.setLength(MAX_QUOTED);
      out.append("...");
    }
    return out.toString();
  }
}
