package io.camappliance.emulator;

import io.camappliance.emulator.iot.ProvisionCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cloud-emulator}: runs the local KVS and IoT credentials emulator until stopped. */
@Command(
    name = "cloud-emulator",
    mixinStandardHelpOptions = true,
    subcommands = {ProvisionCommand.class},
    description =
        "A local Kinesis Video Streams (control plane, PutMedia with ACKs, archived media) and AWS"
            + " IoT credentials provider, for the appliance's demo and tests.")
public final class EmulatorMain implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "4566", description = "KVS API port (${DEFAULT-VALUE})")
  int port;

  @Option(
      names = "--iot-port",
      defaultValue = "4567",
      description = "IoT credentials provider mutual-TLS port (${DEFAULT-VALUE})")
  int iotPort;

  // Not picocli-required: picocli would then demand it before any subcommand, too.
  @Option(names = "--data-dir", description = "where state is kept (required)")
  Path dataDir;

  @Option(
      names = "--region",
      defaultValue = EmulatorSettings.DEFAULT_REGION,
      description = "region in ARNs and signatures (${DEFAULT-VALUE})")
  String region;

  @Option(
      names = "--credential-lifetime",
      defaultValue = "3600",
      paramLabel = "SECONDS",
      description = "lifetime of issued IoT credentials (${DEFAULT-VALUE})")
  long credentialLifetimeSeconds;

  @Option(
      names = "--tls",
      description =
          "serve the KVS APIs over HTTPS with a certificate from the emulator's CA (trust"
              + " <data-dir>/iot/ca/ca.pem)")
  boolean tls;

  public static void main(String[] args) {
    int code = new CommandLine(new EmulatorMain()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  @Override
  public Integer call() throws Exception {
    if (dataDir == null) {
      System.err.println("Missing required option: '--data-dir=<dataDir>'");
      return 2;
    }
    EmulatorSettings d = EmulatorSettings.defaults(dataDir);
    EmulatorSettings settings =
        new EmulatorSettings(
            port,
            iotPort,
            dataDir,
            region,
            d.accountId(),
            d.accessKeyId(),
            d.secretAccessKey(),
            Duration.ofSeconds(credentialLifetimeSeconds),
            d.maxConnectionDuration());
    settings = settings.withTls(tls);
    Emulator emulator = Emulator.start(settings);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  emulator.close();
                  stopped.countDown();
                },
                "shutdown"));
    System.out.println("KVS endpoint " + emulator.endpoint());
    System.out.println("IoT credentials endpoint " + emulator.iot().endpoint());
    System.out.println("CA certificate " + emulator.caCertificateFile());
    System.out.println(
        "static credentials (development only): "
            + settings.accessKeyId()
            + " / "
            + settings.secretAccessKey()
            + ", region "
            + settings.region());
    stopped.await();
    return 0;
  }
}
