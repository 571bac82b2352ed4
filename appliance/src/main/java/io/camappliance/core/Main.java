package io.camappliance.core;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code appliance}: the camera appliance's command line. */
@Command(
    name = "appliance",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Raspberry Pi camera appliance: KVS streaming, local recording, live view.",
    subcommands = {DemoCommand.class, RunCommand.class, ExportCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code (tests call this in-process). */
  public static int execute(String... args) {
    return new CommandLine(new Main()).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
