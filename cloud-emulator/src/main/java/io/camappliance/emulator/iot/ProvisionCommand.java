package io.camappliance.emulator.iot;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code cloud-emulator provision}: creates (or reuses) the CA, role alias, thing and an attached
 * device certificate in a data directory and writes the device's files, then prints the credentials
 * URL and a curl line to try it. Safe to run while the emulator is running on the same data
 * directory.
 */
@Command(
    name = "provision",
    mixinStandardHelpOptions = true,
    description =
        "Creates the IoT thing, role alias and a device certificate in the emulator's data"
            + " directory and writes ca.pem, device.pem and device.key (0600) to --out.")
public final class ProvisionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data-dir", required = true, description = "the emulator's data directory")
  Path dataDir;

  @Option(names = "--thing", required = true, description = "thing name (= stream name)")
  String thing;

  @Option(names = "--role-alias", required = true, description = "role alias name")
  String roleAlias;

  @Option(
      names = "--key-type",
      defaultValue = "ec",
      description = "device key: ec (P-256) or rsa (2048) (${DEFAULT-VALUE})")
  String keyType;

  @Option(
      names = "--key-format",
      defaultValue = "pkcs8",
      description =
          "private key file: pkcs8, or pkcs1 (RSA PRIVATE KEY / EC PRIVATE KEY) (${DEFAULT-VALUE})")
  String keyFormat;

  @Option(names = "--out", required = true, description = "directory for the device's files")
  Path out;

  @Option(
      names = "--iot-port",
      defaultValue = "4567",
      description = "the emulator's IoT port, for the printed endpoint (${DEFAULT-VALUE})")
  int iotPort;

  @Override
  public Integer call() throws Exception {
    KeyType type =
        switch (keyType.toLowerCase(Locale.ROOT)) {
          case "ec" -> KeyType.EC;
          case "rsa" -> KeyType.RSA;
          default ->
              throw new ParameterException(
                  spec.commandLine(), "--key-type must be ec or rsa, not '" + keyType + "'");
        };
    KeyFormat format =
        switch (keyFormat.toLowerCase(Locale.ROOT)) {
          case "pkcs8" -> KeyFormat.PKCS8;
          case "pkcs1", "traditional", "sec1" -> KeyFormat.TRADITIONAL;
          default ->
              throw new ParameterException(
                  spec.commandLine(),
                  "--key-format must be pkcs8 or pkcs1, not '" + keyFormat + "'");
        };
    ProvisionedDevice d = IotProvisioning.provision(dataDir, thing, roleAlias, type, format, out);
    PrintWriter out = spec.commandLine().getOut();
    String url = "https://localhost:" + iotPort + "/role-aliases/" + roleAlias + "/credentials";
    out.println("thing " + d.thingName() + ", certificate " + d.certificateId());
    out.println("ca-path   " + d.caFile());
    out.println("cert-path " + d.certificateFile());
    out.println("key-path  " + d.privateKeyFile());
    out.println("credentials endpoint " + url);
    out.println(
        "try: curl --cert "
            + d.certificateFile()
            + " --key "
            + d.privateKeyFile()
            + " --cacert "
            + d.caFile()
            + " -H 'x-amzn-iot-thingname: "
            + d.thingName()
            + "' "
            + url);
    out.flush();
    return 0;
  }
}
