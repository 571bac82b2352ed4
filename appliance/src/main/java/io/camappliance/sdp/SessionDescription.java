package io.camappliance.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed session description (RFC 8866): the session-level lines and the media sections, as a
 * WHEP client's offer carries them (RFC 9725 §4.2).
 *
 * <pre>
 * v=0                                   line 1, always
 * o=- 4611731400430051336 2 IN IP4 127.0.0.1
 * s=-
 * t=0 0                                 at least one before the first m=
 * a=group:BUNDLE 0 1                    session attributes
 * m=video 9 UDP/TLS/RTP/SAVPF 96 102    a media section starts at each m=
 * c=IN IP4 0.0.0.0
 * a=mid:0 ...
 * </pre>
 *
 * <p>Lenient where browsers differ (CRLF or LF, unknown attributes and the optional {@code i= u= e=
 * p= b= r= z= k=} lines are accepted), strict where a mistake would change the meaning: line order
 * at the top, number ranges, the m= line, the attributes we model, and unique mids. Unknown type
 * letters are refused, as RFC 8866 §5 allows. Input is limited to {@value SdpLines#MAX_CHARS}
 * characters and {@value SdpLines#MAX_LINES} lines.
 */
public final class SessionDescription {
  private static final String SESSION_TYPES = "iuepcbtrzka";
  private static final String MEDIA_TYPES = "icbka";

  private final Origin origin;
  private final String sessionName;
  private final List<Attribute> attributes;
  private final List<MediaDescription> media;
  private final List<List<String>> bundles;

  private SessionDescription(
      Origin origin,
      String sessionName,
      List<Attribute> attributes,
      List<MediaDescription> media,
      List<List<String>> bundles) {
    this.origin = origin;
    this.sessionName = sessionName;
    this.attributes = List.copyOf(attributes);
    this.media = List.copyOf(media);
    this.bundles = List.copyOf(bundles);
  }

  /**
   * Parses a description.
   *
   * @throws SdpException {@link SdpException.Reason#MALFORMED} naming the line number and text, or
   *     {@link SdpException.Reason#TOO_LARGE}
   */
  public static SessionDescription parse(String text) throws SdpException {
    List<String> lines = SdpLines.split(text);
    if (lines.isEmpty()) {
      throw new SdpException(SdpException.Reason.MALFORMED, "the description is empty");
    }
    expect(lines, 1, 'v');
    if (!lines.get(0).equals("v=0")) {
      throw SdpException.at(1, lines.get(0), "the version must be v=0");
    }
    expect(lines, 2, 'o');
    Origin origin = Origin.parse(lines.get(1).substring(2), 2, lines.get(1));
    expect(lines, 3, 's');
    String sessionName = lines.get(2).substring(2);
    if (sessionName.isEmpty()) {
      throw SdpException.at(3, lines.get(2), "the session name is empty; write s=- for none");
    }

    SdpParser.Section session = new SdpParser.Section(null);
    SdpParser.Section current = session;
    List<SdpParser.Section> sections = new ArrayList<>();
    List<Integer> midLines = new ArrayList<>();
    boolean sawTime = false;
    for (int i = 3; i < lines.size(); i++) {
      int line = i + 1;
      String text1 = lines.get(i);
      char type = text1.charAt(0);
      String value = text1.substring(2);
      if (type == 'm') {
        if (!sawTime) {
          throw SdpException.at(line, text1, "media section before any t= line");
        }
        current = new SdpParser.Section(SdpParser.mediaLine(value, line, text1));
        sections.add(current);
        midLines.add(line);
        continue;
      }
      String allowed = current == session ? SESSION_TYPES : MEDIA_TYPES;
      if (allowed.indexOf(type) < 0) {
        throw SdpException.at(
            line,
            text1,
            "'"
                + type
                + "=' is not allowed "
                + (current == session ? "at session level" : "in a media section"));
      }
      switch (type) {
        case 't' -> {
          checkTime(value, line, text1);
          sawTime = true;
        }
        case 'c' -> checkConnection(value, line, text1);
        case 'a' -> {
          String before = current.mid;
          SdpParser.attribute(current, text1, line);
          if (current != session && before == null && current.mid != null) {
            midLines.set(sections.size() - 1, line);
          }
        }
        default -> {
          // i= u= e= p= b= r= z= k=: informational or unused by WebRTC.
        }
      }
    }
    if (!sawTime) {
      throw new SdpException(SdpException.Reason.MALFORMED, "the description has no t= line");
    }
    List<MediaDescription> media = new ArrayList<>();
    for (SdpParser.Section section : sections) {
      media.add(section.build(session));
    }
    SdpParser.checkMids(session, media, midLines, lines);
    return new SessionDescription(origin, sessionName, session.attributes, media, session.bundles);
  }

  private static void expect(List<String> lines, int line, char type) throws SdpException {
    if (lines.size() < line) {
      throw new SdpException(
          SdpException.Reason.MALFORMED,
          "the description ends after line "
              + lines.size()
              + "; line "
              + line
              + " must be "
              + type
              + "=");
    }
    if (lines.get(line - 1).charAt(0) != type) {
      throw SdpException.at(line, lines.get(line - 1), "line " + line + " must be " + type + "=");
    }
  }

  private static void checkTime(String value, int line, String text) throws SdpException {
    String[] f = value.split(" ", -1);
    if (f.length != 2 || !decimal(f[0]) || !decimal(f[1])) {
      throw SdpException.at(line, text, "t= needs '<start> <stop>' as decimal numbers");
    }
  }

  private static boolean decimal(String s) {
    if (s.isEmpty() || s.length() > 20) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static void checkConnection(String value, int line, String text) throws SdpException {
    String[] f = value.split(" ", -1);
    if (f.length != 3 || !SdpLines.isToken(f[0]) || !SdpLines.isToken(f[1]) || f[2].isEmpty()) {
      throw SdpException.at(line, text, "c= needs '<nettype> <addrtype> <address>'");
    }
  }

  public Origin origin() {
    return origin;
  }

  /** The {@code s=} text. */
  public String sessionName() {
    return sessionName;
  }

  /** The session-level {@code a=} lines as written. */
  public List<Attribute> attributes() {
    return attributes;
  }

  /** The media sections in order. */
  public List<MediaDescription> media() {
    return media;
  }

  /** The mids of the first {@code a=group:BUNDLE} (RFC 8843 §7.1), if the description has one. */
  public Optional<List<String>> bundle() {
    return bundles.isEmpty() ? Optional.empty() : Optional.of(bundles.get(0));
  }

  /** Whether a session-level property attribute (e.g. {@code ice-lite}) is present. */
  public boolean hasAttribute(String name) {
    for (Attribute a : attributes) {
      if (a.name().equals(name)) {
        return true;
      }
    }
    return false;
  }
}
