package io.camappliance.emulator.iot;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The curl command line as a device's shell script would run it; tests skip without curl. */
final class Curl {
  /** What curl reported: its exit code, the HTTP status ("000" when there was no response). */
  record Result(int exitCode, String httpCode, String body, String stderr) {
    /**
     * The TLS layer refused: curl's 35 (handshake failed; TLS 1.2) or 56 (failure receiving; a TLS
     * 1.3 server rejects the client's certificate after the client considers the handshake done),
     * and no HTTP status. Other exit codes (unreadable key file: 58) do not count.
     */
    boolean refusedByTls() {
      return (exitCode == 35 || exitCode == 56) && httpCode.equals("000");
    }
  }

  private Curl() {}

  static void assumeAvailable() {
    boolean found = false;
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "curl"))) {
        found = true;
      }
    }
    assumeTrue(found, "curl is not installed");
  }

  /**
   * {@code curl --cert C --key K --cacert CA [-H 'x-amzn-iot-thingname: T'] URL}; a null cert
   * leaves out {@code --cert}/{@code --key}, a null thing leaves out the header.
   */
  static Result get(String url, Path cert, Path key, Path ca, String thing, String... options)
      throws IOException {
    List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "10"));
    cmd.addAll(List.of(options));
    if (cert != null) {
      cmd.addAll(List.of("--cert", cert.toString(), "--key", key.toString()));
    }
    cmd.addAll(List.of("--cacert", ca.toString()));
    if (thing != null) {
      cmd.addAll(List.of("-H", "x-amzn-iot-thingname: " + thing));
    }
    cmd.addAll(List.of("-w", "\n%{http_code}", url));
    Process p = new ProcessBuilder(cmd).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("curl did not finish");
      }
      int nl = out.lastIndexOf('\n');
      return new Result(p.exitValue(), out.substring(nl + 1), out.substring(0, nl), err);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
