package io.camappliance.web;

import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a test (surefire's default patterns do not pick it up; {@code
 * scripts/bench-webrtc.sh} runs it against a running appliance): the glass-to-glass latency of the
 * WebRTC live view in headless Chromium, from the capture time the camera stamps into each frame
 * (SEI) to the time Chromium expects to show that frame, p50 and p95; and the time to the first
 * frame, from {@code POST /whep} to the first frame shown. The same machine's clock measures both
 * ends.
 *
 * <p>Tagged {@code slow}, which the test command leaves out. Properties: {@code bench.url} (the
 * appliance, e.g. {@code http://127.0.0.1:8080}), {@code bench.seconds} (default 30), {@code
 * bench.token} (when the web server wants one), {@code bench.viewers} (default 1).
 */
@Tag("slow")
class WebRtcLatencyBench {
  @TempDir Path profile;

  @Test
  void measure() throws Exception {
    String url = System.getProperty("bench.url");
    assumeThat(url).as("bench.url names the appliance").isNotBlank();
    assumeThat(Chromium.available()).as("Debian chromium and chromium-driver").isTrue();
    int seconds = Integer.getInteger("bench.seconds", 30);
    int viewers = Integer.getInteger("bench.viewers", 1);
    String token = System.getProperty("bench.token", "");
    String probe;
    try (InputStream in = WebRtcLatencyBench.class.getResourceAsStream("latency-probe.js")) {
      probe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    probe = probe.replace("arguments[0]", new ObjectMapper().writeValueAsString(token));

    List<Chromium> browsers = new ArrayList<>();
    try {
      for (int v = 0; v < viewers; v++) {
        Path dir = Files.createDirectories(profile.resolve("viewer-" + v));
        Chromium c = new Chromium(dir);
        browsers.add(c);
        c.open(url + "/" + (token.isEmpty() ? "" : "?token=" + token));
        c.run(probe);
      }
      for (Chromium c : browsers) {
        c.await(
            "return window.probe && (window.probe.error || window.probe.firstFrameMs !== null);",
            Duration.ofSeconds(20));
      }
      Thread.sleep(seconds * 1000L);
      int v = 0;
      for (Chromium c : browsers) {
        JsonNode p = c.run("return window.probe;");
        report(v++, p, seconds);
      }
    } finally {
      for (Chromium c : browsers) {
        c.close();
      }
    }
  }

  private static void report(int viewer, JsonNode p, int seconds) {
    if (!p.path("error").isNull()) {
      System.out.println("viewer " + viewer + ": " + p.path("error").asText());
      return;
    }
    List<Double> samples = new ArrayList<>();
    p.path("samples").forEach(s -> samples.add(s.asDouble()));
    Collections.sort(samples);
    System.out.printf(
        Locale.ROOT,
        "viewer %d: %dx%d, %d frames shown in ~%d s (%d with a capture stamp); time to first"
            + " frame %.0f ms; glass-to-glass latency p50 %.1f ms, p95 %.1f ms, min %.1f ms, max"
            + " %.1f ms%n",
        viewer,
        p.path("width").asInt(),
        p.path("height").asInt(),
        p.path("frames").asLong(),
        seconds,
        p.path("stamped").asLong(),
        p.path("firstFrameMs").asDouble(),
        percentile(samples, 0.50),
        percentile(samples, 0.95),
        samples.isEmpty() ? Double.NaN : samples.get(0),
        samples.isEmpty() ? Double.NaN : samples.get(samples.size() - 1));
  }

  private static double percentile(List<Double> sorted, double q) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int i = (int) Math.min(sorted.size() - 1, Math.round(q * (sorted.size() - 1)));
    return sorted.get(i);
  }
}
