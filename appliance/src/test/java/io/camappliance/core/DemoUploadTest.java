package io.camappliance.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.emulator.Emulator;
import io.camappliance.emulator.EmulatorSettings;
import io.camappliance.emulator.admin.AdminClient;
import io.camappliance.emulator.admin.StreamReport;
import io.camappliance.emulator.iot.KeyFormat;
import io.camappliance.emulator.iot.KeyType;
import io.camappliance.emulator.iot.ProvisionedDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a new user runs it, in one process: `appliance demo --config` with [kvs] and [iot]
 * pointing at a cloud emulator where a thing and its certificate were provisioned. Every frame the
 * camera produced must be stored in the emulator, the last fragment included (shutdown sends what
 * the store still holds and waits for its acknowledgement).
 */
@Timeout(120)
class DemoUploadTest {
  @TempDir Path dir;

  @Test
  void theDemoStreamsEveryFrameToTheEmulatorWithIotCredentials() throws Exception {
    try (Emulator emulator = Emulator.start(EmulatorSettings.defaults(dir.resolve("cloud")))) {
      ProvisionedDevice device =
          emulator
              .iot()
              .provision(
                  "demo-camera", "demo-role", KeyType.EC, KeyFormat.PKCS8, dir.resolve("device"));
      Path config = dir.resolve("appliance.toml");
      Files.writeString(
          config,
          String.join(
              "\n",
              "[kvs]",
              "enabled = true",
              "endpoint = \"" + emulator.endpoint() + "\"",
              "stream_name = \"demo-camera\"",
              "backlog_dir = \"" + dir.resolve("backlog") + "\"",
              "[iot]",
              "credentials_endpoint = \"localhost:" + emulator.iotPort() + "\"",
              "role_alias = \"demo-role\"",
              "certificate = \"" + device.certificateFile() + "\"",
              "private_key = \"" + device.privateKeyFile() + "\"",
              "ca = \"" + device.caFile() + "\"",
              ""));
      int exit =
          Main.execute(
              "demo",
              "--width",
              "320",
              "--height",
              "240",
              "--fps",
              "30",
              "--gop-seconds",
              "1",
              "--duration",
              "8",
              "--dir",
              dir.resolve("recordings").toString(),
              "--config",
              config.toString());
      assertThat(exit).isZero();
      StreamReport r = new AdminClient(emulator.endpoint()).stream("demo-camera");
      assertThat(r.firstSequence()).isZero();
      assertThat(r.lastSequence()).isEqualTo(8 * 30 - 1);
      assertThat(r.distinctSequences()).isEqualTo(8 * 30);
      assertThat(r.lostFrames()).isZero();
      assertThat(r.duplicateFrames()).isZero();
    }
  }
}
