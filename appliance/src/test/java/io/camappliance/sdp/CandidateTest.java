package io.camappliance.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CandidateTest {

  @Test
  void readsEveryFieldOfAServerReflexiveCandidate() throws SdpException {
    Candidate c =
        Candidate.parse(
            "candidate:842163049 1 udp 1677729535 203.0.113.5 47138 typ srflx raddr 192.168.1.20"
                + " rport 47138 generation 0 ufrag Vq4L network-cost 999");

    assertThat(c)
        .isEqualTo(
            new Candidate(
                "842163049",
                1,
                "udp",
                1677729535L,
                "203.0.113.5",
                47138,
                "srflx",
                "192.168.1.20",
                47138,
                Map.of("generation", "0", "ufrag", "Vq4L", "network-cost", "999")));
    assertThat(c.isUdp()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "candidate:1387637174 1 udp 2122260223 192.0.2.1 61764 typ host generation 0 ufrag EsAw network-id 1",
        "candidate:473322822 1 tcp 1518280447 192.0.2.1 9 typ host tcptype active generation 0 ufrag EsAw network-id 1",
        "candidate:2 1 UDP 2122187007 2001:db8::1 55000 typ host",
        "candidate:3 1 udp 2113937151 0c5a9e8f-5f32-4c47-9c4b-3a6b2f0d1e7c.local 54321 typ host generation 0",
        "candidate:4 1 udp 41885439 198.51.100.9 3478 typ relay raddr 203.0.113.5 rport 47138",
        "candidate:5 2 udp 4294967295 192.0.2.1 0 typ prflx"
      })
  void formatsWhatItParsedUnchanged(String line) throws SdpException {
    assertThat(Candidate.parse(line).format()).isEqualTo(line);
    assertThat(Candidate.parse("a=" + line)).isEqualTo(Candidate.parse(line));
  }

  @Test
  void formatsOurHostCandidateWithTheRfcPriority() {
    long priority = Candidate.priority(Candidate.HOST_TYPE_PREFERENCE, 65535, 1);
    Candidate c = Candidate.host("1", 1, "192.0.2.7", 50000, priority);

    assertThat(priority).isEqualTo(2130706431L); // 126 << 24 | 65535 << 8 | 255
    assertThat(c.format()).isEqualTo("candidate:1 1 udp 2130706431 192.0.2.7 50000 typ host");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          candidate:1 1 udp 2122260223 192.0.2.1 61764                   | candidate needs '<foundation> <component> <transport> <priority> <address> <port> typ <type>', found 6 fields
          candidate:1 0 udp 2122260223 192.0.2.1 61764 typ host          | candidate component '0' is not 1..256
          candidate:1 1 udp 4294967296 192.0.2.1 61764 typ host          | candidate priority '4294967296' is not 0..4294967295
          candidate:1 1 udp -5 192.0.2.1 61764 typ host                  | candidate priority '-5' is not 0..4294967295
          candidate:1 1 udp 1 192.0.2.1 65536 typ host                   | candidate port '65536' is not 0..65535
          candidate:1 1 udp 1 192.0.2.1 1 type host                      | candidate has 'type' where 'typ' belongs
          candidate:1 1 udp 1 192.0.2.1 1 typ host generation            | candidate extension 'generation' has no value
          candidate:1 1 udp 1 192.0.2.1 1 typ srflx raddr 1.2.3.4 rport x | candidate rport 'x' is not 0..65535
          candidate:1 1 udp 1 <script> 1 typ host                        | candidate address '<script>' is not an IP address or host name
          candidate:f=o 1 udp 1 192.0.2.1 1 typ host                     | candidate foundation 'f=o' is not 1..32 ice-chars
          candidate:1 1 udp 1 192.0.2.1 1 typ host  generation 0         | candidate extension ' generation' is not '<name> <value>'
          """)
  void saysWhichFieldIsWrong(String line, String message) {
    assertThatThrownBy(() -> Candidate.parse(line))
        .isInstanceOf(SdpException.class)
        .hasMessage(message);
  }

  @Test
  void refusesToBuildAnInvalidCandidate() {
    assertThatThrownBy(() -> Candidate.host("1", 1, "192.0.2.7", 70000, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("candidate port 70000 is not 0..65535");
    assertThatThrownBy(() -> Candidate.priority(127, 0, 1))
        .hasMessage("type preference 127 is not 0..126");
  }
}
