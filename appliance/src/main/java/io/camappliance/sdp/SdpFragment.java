package io.camappliance.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A trickle ICE fragment, the {@code application/trickle-ice-sdpfrag} body of a WHEP PATCH (RFC
 * 8840 §4.4, RFC 9725 §4.3): ICE credentials and options at the top, then per media section an m=
 * line, its mid, candidates and {@code a=end-of-candidates}.
 *
 * <pre>
 * a=ice-ufrag:EsAw
 * a=ice-pwd:P2uYro0UCOQ4zxjKXaWCBui1
 * m=audio 9 RTP/AVP 0
 * a=mid:0
 * a=candidate:1387637174 1 udp 2122260223 192.0.2.1 61764 typ host generation 0
 * a=end-of-candidates
 * </pre>
 *
 * Only {@code a=} and {@code m=} lines are allowed; unknown attributes are ignored; a malformed
 * candidate fails with its line number (WHEP answers 400). Candidates before the first m= line are
 * accepted into a section without mid, as some clients send them that way.
 */
public final class SdpFragment {

  /** One media section of the fragment: {@code mid} is null when the client gave none. */
  public record Section(String mid, List<Candidate> candidates, boolean endOfCandidates) {
    public Section {
      candidates = List.copyOf(candidates);
    }
  }

  private final String iceUfrag;
  private final String icePwd;
  private final List<String> iceOptions;
  private final List<Section> sections;
  private final boolean endOfCandidates;

  private SdpFragment(
      String iceUfrag,
      String icePwd,
      List<String> iceOptions,
      List<Section> sections,
      boolean end) {
    this.iceUfrag = iceUfrag;
    this.icePwd = icePwd;
    this.iceOptions = List.copyOf(iceOptions);
    this.sections = List.copyOf(sections);
    this.endOfCandidates = end;
  }

  /**
   * Parses a fragment.
   *
   * @throws SdpException {@link SdpException.Reason#MALFORMED} naming the line, or {@link
   *     SdpException.Reason#TOO_LARGE}
   */
  public static SdpFragment parse(String text) throws SdpException {
    List<String> lines = SdpLines.split(text);
    SdpParser.Section top = new SdpParser.Section(null);
    SdpParser.Section current = top;
    List<SdpParser.Section> media = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      switch (line.charAt(0)) {
        case 'a' -> SdpParser.attribute(current, line, i + 1);
        case 'm' -> {
          current = new SdpParser.Section(SdpParser.mediaLine(line.substring(2), i + 1, line));
          media.add(current);
        }
        default ->
            throw SdpException.at(i + 1, line, "a trickle-ice-sdpfrag holds only a= and m= lines");
      }
    }
    List<Section> sections = new ArrayList<>();
    if (!top.candidates.isEmpty()) {
      sections.add(new Section(null, top.candidates, top.endOfCandidates));
    }
    for (SdpParser.Section m : media) {
      sections.add(new Section(m.mid, m.candidates, m.endOfCandidates || top.endOfCandidates));
    }
    return new SdpFragment(
        top.iceUfrag,
        top.icePwd,
        top.iceOptions == null ? List.of() : top.iceOptions,
        sections,
        top.endOfCandidates);
  }

  /** The client's ufrag; a new one means an ICE restart (RFC 8840 §4.4.2). */
  public Optional<String> iceUfrag() {
    return Optional.ofNullable(iceUfrag);
  }

  public Optional<String> icePwd() {
    return Optional.ofNullable(icePwd);
  }

  public List<String> iceOptions() {
    return iceOptions;
  }

  public List<Section> sections() {
    return sections;
  }

  /** Every candidate of every section, in order. */
  public List<Candidate> candidates() {
    List<Candidate> all = new ArrayList<>();
    sections.forEach(s -> all.addAll(s.candidates()));
    return all;
  }

  /** Whether the fragment ends gathering, at the top or in every section it lists. */
  public boolean endOfCandidates() {
    if (endOfCandidates) {
      return true;
    }
    return !sections.isEmpty() && sections.stream().allMatch(Section::endOfCandidates);
  }
}
