package io.camappliance.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EmulatorMainTlsOptionTest {

  @Test
  void theKvsPortIsPlainHttpUnlessTlsIsAskedFor() {
    EmulatorMain plain = new EmulatorMain();
    new CommandLine(plain).parseArgs("--data-dir", "state");
    assertThat(plain.tls).isFalse();

    EmulatorMain tls = new EmulatorMain();
    new CommandLine(tls).parseArgs("--data-dir", "state", "--tls");
    assertThat(tls.tls).isTrue();
  }
}
