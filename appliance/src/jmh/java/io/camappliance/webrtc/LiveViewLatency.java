package io.camappliance.webrtc;

import com.fasterxml.jackson.databind.JsonNode;
import io.camappliance.core.Main;
import io.camappliance.web.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Measures the live view in headless Chromium against {@code appliance demo} (test-pattern camera,
 * real time): time to first frame, from the WHEP POST to the first frame the video element shows,
 * over several sessions; and glass-to-glass latency per frame of the last session: the capture
 * time the test pattern burns into the picture, read back from the frame on screen, against the
 * time Chromium shows it ({@code requestVideoFrameCallback}'s {@code expectedDisplayTime}). Both
 * clocks are this machine's. (Chromium exposes no capture time for WebRTC frames without the
 * abs-capture-time header extension, hence reading the picture.)
 *
 * <p>Usage: {@code LiveViewLatency WIDTH HEIGHT FPS SESSIONS SECONDS WEB_PORT UDP_PORT}; run by
 * {@code scripts/bench-webrtc-sessions.sh}.
 */
public final class LiveViewLatency {
  private LiveViewLatency() {}

  public static void main(String[] args) throws Exception {
    int width = Integer.parseInt(args[0]);
    int height = Integer.parseInt(args[1]);
    int fps = Integer.parseInt(args[2]);
    int sessions = Integer.parseInt(args[3]);
    int seconds = Integer.parseInt(args[4]);
    int webPort = Integer.parseInt(args[5]);
    int udpPort = Integer.parseInt(args[6]);
    if (!HeadlessChromium.available()) {
      System.err.println("bench-webrtc needs /usr/bin/chromium and /usr/bin/chromedriver");
      System.exit(2);
    }
    Path dir = Files.createTempDirectory("bench-webrtc");
    Path config = dir.resolve("appliance.toml");
    Files.writeString(
        config,
        "[web]\nport = "
            + webPort
            + "\nwebrtc_udp_port = "
            + udpPort
            + "\nwebrtc_addresses = [\"127.0.0.1\"]\n");
    int demoSeconds = seconds + sessions * 4 + 30;
    Thread demo =
        new Thread(
            () ->
                Main.execute(
                    "demo",
                    "--width",
                    String.valueOf(width),
                    "--height",
                    String.valueOf(height),
                    "--fps",
                    String.valueOf(fps),
                    "--duration",
                    String.valueOf(demoSeconds),
                    "--dir",
                    dir.resolve("recordings").toString(),
                    "--config",
                    config.toString()),
            "demo");
    demo.setDaemon(true);
    demo.start();
    String base = "http://127.0.0.1:" + webPort;
    awaitServer(base);
    try (HeadlessChromium chromium = new HeadlessChromium(dir.resolve("chromium"))) {
      chromium.open(base + "/");
      chromium.run(script(sessions, seconds));
      JsonNode result =
          chromium.await(
              "return window.bench.done && window.bench;",
              Duration.ofSeconds(seconds + sessions * 10L + 30));
      if (!result.get("error").isNull()) {
        System.err.println("bench failed: " + result.get("error").asText());
        System.exit(1);
      }
      report("time to first frame (POST /whep -> first frame shown)", result.get("ttff"));
      report("time to first frame (createOffer -> first frame shown)", result.get("total"));
      System.out.println("bench time to first frame per session, ms: " + result.get("ttff"));
      report("glass-to-glass (capture -> shown)", result.get("latency"));
      System.out.printf(
          "bench last session: decoded %d, dropped %d, freezes %d%n",
          result.path("stats").path("framesDecoded").asLong(),
          result.path("stats").path("framesDropped").asLong(),
          result.path("stats").path("freezeCount").asLong());
    }
    System.exit(0);
  }

  private static void awaitServer(String base) throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        int status =
            http.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/status"))
                        .build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding())
                .statusCode();
        if (status == 200) {
          Thread.sleep(1000); // the first frames reach the WebRTC fan-out
          return;
        }
      } catch (java.io.IOException e) {
        // not up yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the demo's web server did not come up at " + base);
  }

  private static void report(String what, JsonNode values) {
    List<Double> v = new ArrayList<>();
    values.forEach(n -> v.add(n.asDouble()));
    if (v.isEmpty()) {
      System.out.printf("bench %s: no samples%n", what);
      return;
    }
    Collections.sort(v);
    System.out.printf(
        "bench %s: n=%d p50 %.1f ms, p95 %.1f ms, min %.1f ms, max %.1f ms%n",
        what,
        v.size(),
        percentile(v, 50),
        percentile(v, 95),
        v.get(0),
        v.get(v.size() - 1));
  }

  private static double percentile(List<Double> sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  /**
   * {@code readClock(video)}: the capture time the test pattern burnt into the frame on screen, in
   * ms of the UTC day, or null when a digit cannot be read. It repeats the pattern's geometry: 5x7
   * glyphs scaled by {@code max(1, min(h / 60, w / 78))}, {@code HH:MM:SS.mmm} from (2s, 2s), a
   * glyph cell 6s wide; each digit is the glyph nearest in Hamming distance to the 35 thresholded
   * pixel centres.
   */
  private static final String CLOCK_READER =
      "const GLYPHS = [[0x0E,0x11,0x13,0x15,0x19,0x11,0x0E],[0x04,0x0C,0x04,0x04,0x04,0x04,0x0E],"
          + "[0x0E,0x11,0x01,0x02,0x04,0x08,0x1F],[0x1F,0x02,0x04,0x02,0x01,0x11,0x0E],"
          + "[0x02,0x06,0x0A,0x12,0x1F,0x02,0x02],[0x1F,0x10,0x1E,0x01,0x01,0x11,0x0E],"
          + "[0x06,0x08,0x10,0x1E,0x11,0x11,0x0E],[0x1F,0x01,0x02,0x04,0x08,0x08,0x08],"
          + "[0x0E,0x11,0x11,0x0E,0x11,0x11,0x0E],[0x0E,0x11,0x11,0x0F,0x01,0x02,0x0C]];"
          + "const canvas = document.createElement('canvas');"
          + "const ctx = canvas.getContext('2d', {willReadFrequently: true});"
          + "function readClock(video) {"
          + "  const w = video.videoWidth, h = video.videoHeight; if (!w) { return null; }"
          + "  const s = Math.max(1, Math.min(Math.floor(h / 60), Math.floor(w / 78)));"
          + "  canvas.width = 13 * 6 * s; canvas.height = 10 * s;"
          + "  ctx.drawImage(video, 0, 0, canvas.width, canvas.height,"
          + "    0, 0, canvas.width, canvas.height);"
          + "  const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;"
          + "  function digit(i) {"
          + "    let best = -1, bestDistance = 99;"
          + "    for (let d = 0; d < 10; d++) { let distance = 0;"
          + "      for (let gy = 0; gy < 7; gy++) { for (let gx = 0; gx < 5; gx++) {"
          + "        const x = 2 * s + i * 6 * s + gx * s + (s >> 1), y = 2 * s + gy * s + (s >> 1);"
          + "        const lit = px[(y * canvas.width + x) * 4 + 1] > 128;"
          + "        if (lit !== ((GLYPHS[d][gy] & (0x10 >> gx)) !== 0)) { distance++; } } }"
          + "      if (distance < bestDistance) { best = d; bestDistance = distance; } }"
          + "    return bestDistance <= 3 ? best : null; }"
          + "  const d = [0, 1, 3, 4, 6, 7, 9, 10, 11].map(digit);"
          + "  if (d.some(function (x) { return x === null; })) { return null; }"
          + "  return ((d[0] * 10 + d[1]) * 3600 + (d[2] * 10 + d[3]) * 60 + d[4] * 10 + d[5])"
          + "    * 1000 + d[6] * 100 + d[7] * 10 + d[8]; }";

  private static String script(int sessions, int seconds) {
    return CLOCK_READER
        + "window.bench = {ttff: [], total: [], latency: [], stats: null,"
        + " done: false, error: null};"
        + "(async function () { try {"
        + "for (let i = 0; i < "
        + sessions
        + "; i++) {"
        + "  const last = i === "
        + (sessions - 1)
        + ";"
        + "  const video = document.createElement('video'); video.muted = true; video.autoplay = true;"
        + "  document.body.appendChild(video);"
        + "  const t0 = performance.now();"
        + "  const pc = new RTCPeerConnection({bundlePolicy: 'max-bundle'});"
        + "  pc.addTransceiver('video', {direction: 'recvonly'});"
        + "  pc.ontrack = function (e) { video.srcObject = new MediaStream([e.track]); };"
        + "  await pc.setLocalDescription(await pc.createOffer());"
        + "  await new Promise(function (done) {"
        + "    if (pc.iceGatheringState === 'complete') { done(); }"
        + "    pc.onicegatheringstatechange = function () {"
        + "      if (pc.iceGatheringState === 'complete') { done(); } };"
        + "    setTimeout(done, 1500); });"
        + "  const tPost = performance.now();"
        + "  const first = new Promise(function (r) {"
        + "    video.requestVideoFrameCallback(function (now) { r(now); }); });"
        + "  const res = await fetch('/whep', {method: 'POST',"
        + "    headers: {'Content-Type': 'application/sdp'}, body: pc.localDescription.sdp});"
        + "  const body = await res.text();"
        + "  if (res.status !== 201) { throw new Error(res.status + ' ' + body); }"
        + "  const location = res.headers.get('Location');"
        + "  await pc.setRemoteDescription({type: 'answer', sdp: body});"
        + "  const shown = await first;"
        + "  window.bench.ttff.push(shown - tPost); window.bench.total.push(shown - t0);"
        + "  if (last) {"
        + "    const end = performance.now() + "
        + seconds * 1000
        + ";"
        + "    await new Promise(function (finish) {"
        + "      function frame(now, md) {"
        + "        const captured = readClock(video);"
        + "        if (captured !== null) {"
        + "          const shown = (performance.timeOrigin + md.expectedDisplayTime) % 86400000;"
        + "          window.bench.latency.push((shown - captured + 86400000) % 86400000); }"
        + "        if (now < end) { video.requestVideoFrameCallback(frame); } else { finish(); } }"
        + "      video.requestVideoFrameCallback(frame); });"
        + "    (await pc.getStats()).forEach(function (s) {"
        + "      if (s.type === 'inbound-rtp' && s.kind === 'video') { window.bench.stats = s; } });"
        + "  }"
        + "  await fetch(location, {method: 'DELETE'}); pc.close(); video.remove();"
        + "  await new Promise(function (r) { setTimeout(r, 300); });"
        + "}"
        + "} catch (e) { window.bench.error = String(e); }"
        + " window.bench.done = true; })(); return true;";
  }
}
