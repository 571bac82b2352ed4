package io.camappliance.emulator.iot;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.emulator.EmulatorSettings;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class IotServiceTest {
  @Test
  @Timeout(30)
  void closingStopsEveryThreadItStarted(@TempDir Path data, @TempDir Path out) throws Exception {
    Curl.assumeAvailable();
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    IotService iot = IotService.start(EmulatorSettings.defaults(data));
    ProvisionedDevice d = iot.provision("cam-1", "A", KeyType.EC, KeyFormat.PKCS8, out);
    Curl.Result r =
        Curl.get(
            iot.endpoint() + "/role-aliases/A/credentials",
            d.certificateFile(),
            d.privateKeyFile(),
            d.caFile(),
            "cam-1");
    assertThat(r.httpCode()).isEqualTo("200");

    iot.close();
    iot.close(); // idempotent

    Set<Thread> started = new HashSet<>(Thread.getAllStackTraces().keySet());
    started.removeAll(before);
    started.removeIf(t -> t.getName().equals("process reaper")); // the JDK's, for running curl
    for (Thread t : started) {
      t.join(5_000);
    }
    assertThat(started).noneMatch(Thread::isAlive);
  }
}
