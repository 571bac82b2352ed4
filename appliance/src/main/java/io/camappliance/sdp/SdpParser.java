package io.camappliance.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The line grammar shared by full descriptions and trickle fragments (RFC 8866 §5, RFC 8840 §3):
 * the m= line and the attributes we model. Each method names the line number and text on failure.
 */
final class SdpParser {
  private static final int MIN_UFRAG = 4;
  private static final int MIN_PWD = 22;
  private static final int MAX_ICE_CREDENTIAL = 256;
  private static final int MAX_MID = 256;
  private static final int MAX_CANDIDATES = 256;

  private SdpParser() {}

  /** The fields of an m= line. */
  record MediaLine(String kind, int port, String protocol, List<String> formats) {}

  static MediaLine mediaLine(String value, int line, String text) throws SdpException {
    String[] f = value.split(" ", -1);
    if (f.length < 4) {
      throw SdpException.at(
          line,
          text,
          "m= needs '<media> <port> <protocol> <format> ...', found " + f.length + " fields");
    }
    if (!SdpLines.isToken(f[0])) {
      throw SdpException.at(line, text, "media '" + f[0] + "' is not a token");
    }
    String portText = f[1];
    int slash = portText.indexOf('/');
    if (slash >= 0) {
      if (SdpLines.number(portText.substring(slash + 1), 65535) < 1) {
        throw SdpException.at(
            line, text, "port count '" + portText.substring(slash + 1) + "' is not 1..65535");
      }
      portText = portText.substring(0, slash);
    }
    long port = SdpLines.number(portText, 65535);
    if (port < 0) {
      throw SdpException.at(line, text, "port '" + portText + "' is not 0..65535");
    }
    for (String part : f[2].split("/", -1)) {
      if (!SdpLines.isToken(part)) {
        throw SdpException.at(line, text, "protocol '" + f[2] + "' is not tokens separated by '/'");
      }
    }
    boolean rtp = MediaDescription.isRtp(f[2]);
    List<String> formats = new ArrayList<>();
    for (int i = 3; i < f.length; i++) {
      if (rtp && SdpLines.number(f[i], 127) < 0) {
        throw SdpException.at(line, text, "payload type '" + f[i] + "' is not 0..127");
      }
      if (!rtp && !SdpLines.isToken(f[i])) {
        throw SdpException.at(line, text, "format '" + f[i] + "' is not a token");
      }
      formats.add(f[i]);
    }
    return new MediaLine(f[0], (int) port, f[2], formats);
  }

  /** The attributes of one section (the session level, or one media section) as they are read. */
  static final class Section {
    final MediaLine mediaLine;
    final List<Attribute> attributes = new ArrayList<>();
    String mid;
    Direction direction;
    final Map<Integer, RtpMap> rtpMaps = new LinkedHashMap<>();
    final Map<Integer, String> fmtps = new HashMap<>();
    final List<MediaDescription.RtcpFeedback> rtcpFeedback = new ArrayList<>();
    String iceUfrag;
    String icePwd;
    List<String> iceOptions;
    final List<Fingerprint> fingerprints = new ArrayList<>();
    Setup setup;
    final List<Extmap> extmaps = new ArrayList<>();
    final List<Candidate> candidates = new ArrayList<>();
    boolean endOfCandidates;
    boolean rtcpMux;
    boolean bundleOnly;

    /** Session level only: {@code a=group} lines and their line numbers. */
    final List<List<String>> bundles = new ArrayList<>();

    final List<Integer> bundleLines = new ArrayList<>();

    Section(MediaLine mediaLine) {
      this.mediaLine = mediaLine;
    }

    boolean rtp() {
      return mediaLine != null && MediaDescription.isRtp(mediaLine.protocol());
    }

    MediaDescription build(Section session) {
      return new MediaDescription(
          mediaLine.kind(),
          mediaLine.port(),
          mediaLine.protocol(),
          mediaLine.formats(),
          attributes,
          mid,
          direction != null
              ? direction
              : session.direction != null ? session.direction : Direction.SENDRECV,
          rtpMaps,
          fmtps,
          rtcpFeedback,
          iceUfrag != null ? iceUfrag : session.iceUfrag,
          icePwd != null ? icePwd : session.icePwd,
          iceOptions != null
              ? iceOptions
              : session.iceOptions != null ? session.iceOptions : List.of(),
          fingerprints.isEmpty() ? session.fingerprints : fingerprints,
          setup != null ? setup : session.setup,
          extmaps.isEmpty() ? session.extmaps : extmaps,
          candidates,
          endOfCandidates || session.endOfCandidates,
          rtcpMux,
          bundleOnly);
    }
  }

  /** Reads one {@code a=} line into {@code section}. */
  static void attribute(Section section, String text, int line) throws SdpException {
    String body = text.substring(2);
    int colon = body.indexOf(':');
    String name = colon < 0 ? body : body.substring(0, colon);
    String value = colon < 0 ? null : body.substring(colon + 1);
    if (!SdpLines.isToken(name)) {
      throw SdpException.at(line, text, "attribute name '" + name + "' is not a token");
    }
    section.attributes.add(new Attribute(name, value));
    Direction direction = Direction.ofAttribute(name);
    if (direction != null) {
      if (section.direction != null) {
        throw SdpException.at(
            line, text, "second direction attribute; already " + section.direction.attribute());
      }
      section.direction = direction;
      return;
    }
    switch (name) {
      case "mid" -> {
        String mid = need(value, name, line, text);
        if (!SdpLines.isToken(mid) || mid.length() > MAX_MID) {
          throw SdpException.at(
              line, text, "mid '" + mid + "' is not a token of up to " + MAX_MID + " characters");
        }
        if (section.mid != null) {
          throw SdpException.at(line, text, "second a=mid; already '" + section.mid + "'");
        }
        section.mid = mid;
      }
      case "rtpmap" -> {
        if (section.rtp()) {
          RtpMap map = RtpMap.parse(need(value, name, line, text), line, text);
          section.rtpMaps.put(map.payloadType(), map);
        }
      }
      case "fmtp" -> {
        if (section.rtp()) {
          String v = need(value, name, line, text);
          int space = v.indexOf(' ');
          String pt = space < 0 ? v : v.substring(0, space);
          long n = SdpLines.number(pt, 127);
          if (n < 0 || space < 0) {
            throw SdpException.at(line, text, "fmtp needs '<payload type 0..127> <parameters>'");
          }
          section.fmtps.put((int) n, v.substring(space + 1));
        }
      }
      case "rtcp-fb" -> {
        if (section.rtp()) {
          String v = need(value, name, line, text);
          int space = v.indexOf(' ');
          String pt = space < 0 ? v : v.substring(0, space);
          long n = pt.equals("*") ? -1 : SdpLines.number(pt, 127);
          if ((n < 0 && !pt.equals("*")) || space < 0 || space == v.length() - 1) {
            throw SdpException.at(
                line, text, "rtcp-fb needs '<payload type 0..127 or *> <feedback>'");
          }
          section.rtcpFeedback.add(
              new MediaDescription.RtcpFeedback((int) n, v.substring(space + 1)));
        }
      }
      case "ice-ufrag" ->
          section.iceUfrag = iceCredential(section.iceUfrag, value, name, MIN_UFRAG, line, text);
      case "ice-pwd" ->
          section.icePwd = iceCredential(section.icePwd, value, name, MIN_PWD, line, text);
      case "ice-options" -> {
        List<String> options = new ArrayList<>();
        for (String option : need(value, name, line, text).trim().split(" +")) {
          if (!SdpLines.isToken(option)) {
            throw SdpException.at(line, text, "ice-option '" + option + "' is not a token");
          }
          options.add(option);
        }
        section.iceOptions = options;
      }
      case "fingerprint" ->
          section.fingerprints.add(Fingerprint.parse(need(value, name, line, text), line, text));
      case "setup" -> {
        Setup setup = Setup.ofValue(need(value, name, line, text));
        if (setup == null) {
          throw SdpException.at(
              line, text, "setup '" + value + "' is not active, passive, actpass or holdconn");
        }
        if (section.setup != null) {
          throw SdpException.at(line, text, "second a=setup; already " + section.setup.value());
        }
        section.setup = setup;
      }
      case "extmap" -> section.extmaps.add(Extmap.parse(need(value, name, line, text), line, text));
      case "candidate" -> {
        if (section.candidates.size() == MAX_CANDIDATES) {
          throw SdpException.at(
              line, text, "more than " + MAX_CANDIDATES + " candidates in one section");
        }
        section.candidates.add(Candidate.parse(need(value, name, line, text), line, text));
      }
      case "end-of-candidates" -> section.endOfCandidates = true;
      case "rtcp-mux" -> section.rtcpMux = true;
      case "bundle-only" -> section.bundleOnly = true;
      case "group" -> {
        String[] f = need(value, name, line, text).split(" ", -1);
        for (String tag : f) {
          if (!SdpLines.isToken(tag)) {
            throw SdpException.at(line, text, "group '" + tag + "' is not a token");
          }
        }
        if (f[0].equals("BUNDLE")) {
          section.bundles.add(List.of(f).subList(1, f.length));
          section.bundleLines.add(line);
        }
      }
      default -> {
        // Kept in attributes() only.
      }
    }
  }

  private static String need(String value, String name, int line, String text) throws SdpException {
    if (value == null || value.isEmpty()) {
      throw SdpException.at(line, text, "a=" + name + " needs a value");
    }
    return value;
  }

  private static String iceCredential(
      String previous, String value, String name, int min, int line, String text)
      throws SdpException {
    String v = need(value, name, line, text);
    if (v.length() < min || v.length() > MAX_ICE_CREDENTIAL || !SdpLines.isIceChars(v)) {
      throw SdpException.at(
          line,
          text,
          name
              + " must be "
              + min
              + ".."
              + MAX_ICE_CREDENTIAL
              + " characters of A-Z a-z 0-9 + /, found "
              + v.length());
    }
    if (previous != null) {
      throw SdpException.at(line, text, "second a=" + name);
    }
    return v;
  }

  /** Checks that every mid is unique and every bundled mid names a media section. */
  static void checkMids(
      Section session, List<MediaDescription> media, List<Integer> midLines, List<String> lines)
      throws SdpException {
    Set<String> mids = new HashSet<>();
    for (int i = 0; i < media.size(); i++) {
      String mid = media.get(i).mid;
      if (mid != null && !mids.add(mid)) {
        int line = midLines.get(i);
        throw SdpException.at(
            line, lines.get(line - 1), "mid '" + mid + "' is used by an earlier media section");
      }
    }
    for (int g = 0; g < session.bundles.size(); g++) {
      for (String mid : session.bundles.get(g)) {
        if (!mids.contains(mid)) {
          int line = session.bundleLines.get(g);
          throw SdpException.at(
              line,
              lines.get(line - 1),
              "BUNDLE names mid '" + mid + "' that no media section has");
        }
      }
    }
  }
}
