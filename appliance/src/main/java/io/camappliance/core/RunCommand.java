package io.camappliance.core;

import io.camappliance.config.ApplianceConfig;
import io.camappliance.config.ConfigException;
import io.camappliance.config.ConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code appliance run --config FILE}: the service on the device. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run the appliance with a configuration file (on the device).")
final class RunCommand implements Callable<Integer> {

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "appliance.toml; every setting has a default")
  Path config;

  @Override
  public Integer call() throws Exception {
    ApplianceConfig cfg;
    try {
      cfg = ConfigLoader.load(config);
    } catch (ConfigException e) {
      System.err.println("configuration error: " + e.getMessage());
      return 2;
    }
    return Runner.runUntilStopped(cfg, 0, false, System.out);
  }
}
