package io.camappliance.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.camappliance.web.HeadlessChromium;
import io.camappliance.webrtc.WhepSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live view of the running pipeline (test-pattern camera, 640x360 at 30 fps) in headless
 * Chromium: the browser's own WebRTC stack negotiates with WHEP, connects over ICE-lite, DTLS-SRTP
 * and decodes our RTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class LiveViewBrowserTest {
  /** Starts one WHEP viewer in the page: resolves to {pc, location}. */
  private static final String VIEWER =
      "async function viewer() {"
          + "  const pc = new RTCPeerConnection({bundlePolicy: 'max-bundle'});"
          + "  pc.addTransceiver('video', {direction: 'recvonly'});"
          + "  await pc.setLocalDescription(await pc.createOffer());"
          + "  await new Promise(function (done) {"
          + "    if (pc.iceGatheringState === 'complete') { done(); }"
          + "    pc.onicegatheringstatechange = function () {"
          + "      if (pc.iceGatheringState === 'complete') { done(); } };"
          + "    setTimeout(done, 1500); });"
          + "  const res = await fetch('/whep', {method: 'POST',"
          + "    headers: {'Content-Type': 'application/sdp'}, body: pc.localDescription.sdp});"
          + "  const body = await res.text();"
          + "  if (res.status !== 201) { pc.close(); throw new Error(res.status + ' ' + body); }"
          + "  const location = res.headers.get('Location');"
          + "  await pc.setRemoteDescription({type: 'answer', sdp: body});"
          + "  return {pc: pc, location: location}; }"
          + "async function decoded(pc) {"
          + "  let n = 0; (await pc.getStats()).forEach(function (s) {"
          + "    if (s.type === 'inbound-rtp' && s.kind === 'video') { n = s.framesDecoded || 0; }"
          + "  }); return n; }";

  private LivePipeline live;
  private HeadlessChromium chromium;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    assumeTrue(HeadlessChromium.available(), "no Chromium/chromedriver");
    live = new LivePipeline(dir, 8, "");
    chromium = new HeadlessChromium(Files.createTempDirectory(dir, "chromium"));
  }

  @AfterAll
  void stop() {
    if (chromium != null) {
      chromium.close();
    }
    if (live != null) {
      live.close();
    }
  }

  private WhepSessions sessions() {
    return live.live.sessions();
  }

  private void awaitSessions(int n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (sessions().sessionCount() != n && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(sessions().sessionCount()).isEqualTo(n);
  }

  @Test
  void theLivePageShowsTheCameraAtItsSizeAndFrameRateWithoutFreezing() throws Exception {
    chromium.open(live.url("/live"));
    chromium.await(
        "const v = document.getElementById('video');"
            + " return window.liveView && window.liveView.state === 'live' && v.videoWidth > 0;",
        Duration.ofSeconds(20));
    JsonNode size =
        chromium.run(
            "const v = document.getElementById('video'); return [v.videoWidth, v.videoHeight];");
    assertThat(size.get(0).asInt()).isEqualTo(LivePipeline.WIDTH);
    assertThat(size.get(1).asInt()).isEqualTo(LivePipeline.HEIGHT);

    // Sample framesDecoded every 50 ms for 10 s: the rate, and the longest time it stood still.
    chromium.run(
        VIEWER
            + "const pc = window.liveView.pc; const m = {first: null, last: null, t0: 0, t1: 0,"
            + " lastChange: 0, maxGap: 0, done: false, stats: null}; window.measure = m;"
            + "const timer = setInterval(async function () {"
            + "  const now = performance.now(); let s = null;"
            + "  (await pc.getStats()).forEach(function (r) {"
            + "    if (r.type === 'inbound-rtp' && r.kind === 'video') { s = r; } });"
            + "  if (!s) { return; }"
            + "  if (m.first === null) { m.first = s.framesDecoded; m.t0 = now; m.lastChange = now;"
            + "    m.last = s.framesDecoded; m.stats0 = s; return; }"
            + "  if (s.framesDecoded !== m.last) {"
            + "    m.maxGap = Math.max(m.maxGap, now - m.lastChange); m.lastChange = now;"
            + "    m.last = s.framesDecoded; }"
            + "  if (now - m.t0 >= 10000) { clearInterval(timer); m.t1 = now;"
            + "    m.maxGap = Math.max(m.maxGap, now - m.lastChange); m.stats = s; m.done = true; }"
            + "}, 50); return true;");
    JsonNode m =
        chromium.await("return window.measure.done && window.measure;", Duration.ofSeconds(20));
    double seconds = (m.get("t1").asDouble() - m.get("t0").asDouble()) / 1000;
    double fps = (m.get("last").asLong() - m.get("first").asLong()) / seconds;
    JsonNode stats = m.get("stats");
    JsonNode stats0 = m.get("stats0");
    long freezes = stats.path("freezeCount").asLong() - stats0.path("freezeCount").asLong();
    double freezeSeconds =
        stats.path("totalFreezesDuration").asDouble()
            - stats0.path("totalFreezesDuration").asDouble();
    System.out.printf(
        "live view: %.1f fps decoded over %.1f s, longest stall %.0f ms, %d freezes (%.3f s),"
            + " %d packets lost, %d NACKs, %d PLIs, jitter buffer %.0f ms%n",
        fps,
        seconds,
        m.get("maxGap").asDouble(),
        freezes,
        freezeSeconds,
        stats.path("packetsLost").asLong(),
        stats.path("nackCount").asLong(),
        stats.path("pliCount").asLong(),
        1000
            * stats.path("jitterBufferDelay").asDouble()
            / Math.max(1, stats.path("jitterBufferEmittedCount").asLong()));
    assertThat(fps).isGreaterThanOrEqualTo(25);
    assertThat(m.get("maxGap").asDouble()).isLessThanOrEqualTo(200);
    assertThat(freezeSeconds).isLessThanOrEqualTo(0.2);

    chromium.open(live.url("/"));
    awaitSessions(0);
  }

  @Test
  void fourViewersWatchAtOnce() throws Exception {
    chromium.open(live.url("/live"));
    chromium.await(
        "return window.liveView && window.liveView.state === 'live';", Duration.ofSeconds(20));
    chromium.run(
        VIEWER
            + "window.extra = {viewers: [], error: null};"
            + "Promise.all([viewer(), viewer(), viewer()])"
            + ".then(function (v) { window.extra.viewers = v; })"
            + ".catch(function (e) { window.extra.error = String(e); }); return true;");
    chromium.await(
        "return window.extra.viewers.length === 3 || window.extra.error;", Duration.ofSeconds(20));
    assertThat(chromium.run("return window.extra.error;").isNull()).isTrue();
    assertThat(sessions().sessionCount()).isEqualTo(4);
    // Every one of the four decodes at least 30 frames (a second) from now on.
    JsonNode counts =
        chromium.await(
            VIEWER
                + "const pcs = [window.liveView.pc].concat("
                + "  window.extra.viewers.map(function (v) { return v.pc; }));"
                + "const n = await Promise.all(pcs.map(decoded));"
                + "if (!window.extra.base) { window.extra.base = n; return false; }"
                + "return n.every(function (x, i) { return x - window.extra.base[i] >= 30; }) && n;",
            Duration.ofSeconds(20));
    assertThat(counts.size()).isEqualTo(4);
    assertThat(sessions().stats().sending()).isEqualTo(4);

    chromium.run(
        "window.extra.viewers.forEach(function (v) {"
            + "  fetch(v.location, {method: 'DELETE'}); v.pc.close(); }); return true;");
    awaitSessions(1);
    chromium.open(live.url("/"));
    awaitSessions(0);
  }

  @Test
  void fiftyViewersJoiningAndLeavingLeaveNoSessionAndNoThreadBehind() throws Exception {
    chromium.open(live.url("/"));
    awaitSessions(0);
    Set<String> before = sessionThreads();
    long endedBefore = sessions().stats().ended();
    chromium.run(
        VIEWER
            + "window.churn = {done: 0, error: null, finished: false};"
            + "(async function () { try { for (let i = 0; i < 50; i++) {"
            + "  const v = await viewer();"
            + "  const t0 = performance.now();"
            + "  while (v.pc.connectionState !== 'connected') {"
            + "    if (performance.now() - t0 > 10000) {"
            + "      throw new Error('viewer ' + i + ' stuck ' + v.pc.connectionState); }"
            + "    await new Promise(function (r) { setTimeout(r, 10); }); }"
            + "  const res = await fetch(v.location, {method: 'DELETE'});"
            + "  if (res.status !== 200) { throw new Error('DELETE ' + res.status); }"
            + "  v.pc.close(); window.churn.done++; }"
            + "} catch (e) { window.churn.error = String(e); }"
            + " window.churn.finished = true; })(); return true;");
    JsonNode churn =
        chromium.await("return window.churn.finished && window.churn;", Duration.ofSeconds(90));
    assertThat(churn.get("error").isNull()).as(churn.toString()).isTrue();
    assertThat(churn.get("done").asInt()).isEqualTo(50);
    awaitSessions(0);
    assertThat(sessions().stats().ended() - endedBefore).isEqualTo(50);
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!sessionThreads().equals(before) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(sessionThreads()).isEqualTo(before);
  }

  /** Threads of WebRTC sessions: DTLS servers and senders. */
  private static Set<String> sessionThreads() {
    Set<String> names = new TreeSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && (t.getName().startsWith("dtls-") || t.getName().startsWith("webrtc-"))) {
        names.add(t.getName());
      }
    }
    return names;
  }
}
