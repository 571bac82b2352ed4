#!/usr/bin/env bash
# WebRTC live-view benchmark (not a test): runs `appliance demo` in real time with the live view on
# loopback, opens WHEP sessions from headless Chromium and prints time to first frame (p50/p95 over
# the sessions) and glass-to-glass latency (p50/p95 over the frames of the last session).
# Usage: scripts/bench-webrtc-sessions.sh [WIDTH] [HEIGHT] [FPS] [SESSIONS] [SECONDS] [WEB_PORT] [UDP_PORT]
#   e.g. scripts/bench-webrtc-sessions.sh 1280 720 30 10 20
set -euo pipefail
cd "$(dirname "$0")/.."
width="${1:-1280}"
height="${2:-720}"
fps="${3:-30}"
sessions="${4:-10}"
seconds="${5:-20}"
web_port="${6:-18080}"
udp_port="${7:-18189}"
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  echo "bench-webrtc needs /usr/bin/chromium and /usr/bin/chromedriver (Debian: chromium chromium-driver)" >&2
  exit 2
fi
scripts/install-deps.sh demo
./mvnw -B -ntp -q test-compile -pl appliance -am
./mvnw -B -ntp -q dependency:build-classpath -pl appliance -Dmdep.outputFile=target/bench-classpath.txt
java -cp "appliance/target/test-classes:appliance/target/classes:$(cat appliance/target/bench-classpath.txt)" \
  io.camappliance.webrtc.LiveViewLatency "$width" "$height" "$fps" "$sessions" "$seconds" \
  "$web_port" "$udp_port" | grep '^bench '
