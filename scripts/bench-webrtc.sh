#!/usr/bin/env bash
# Measures the WebRTC live view in headless Chromium: glass-to-glass latency (p50, p95) from the
# capture time stamped into each frame to the time Chromium shows it, and the time from POST /whep
# to the first frame shown. Runs the appliance demo (test-pattern camera, no upload) with its web
# server on loopback, then WebRtcLatencyBench. Not part of the tests.
#
#   scripts/bench-webrtc.sh [SECONDS] [VIEWERS] [WIDTHxHEIGHT]     # defaults: 30 1 1280x720
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
viewers=${2:-1}
size=${3:-1280x720}
width=${size%x*}
height=${size#*x}
port=${BENCH_WEB_PORT:-8480}
udp=${BENCH_UDP_PORT:-8489}

scripts/install-deps.sh test
./mvnw -B -ntp -q install -DskipTests -Dspotless.check.skip=true -pl cloud-emulator,appliance -am

work=$(mktemp -d)
trap 'kill "${app_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
cat >"$work/appliance.toml" <<TOML
[web]
bind = "127.0.0.1"
port = $port
webrtc_udp_port = $udp
webrtc_addresses = ["127.0.0.1"]
TOML
java -jar appliance/target/appliance.jar demo --width "$width" --height "$height" --fps 30 \
  --duration $((seconds + 60)) --dir "$work/recordings" --config "$work/appliance.toml" \
  >"$work/appliance.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 150); do
  if curl -sf -o /dev/null "http://127.0.0.1:$port/api/status"; then break; fi
  sleep 0.2
done
./mvnw -B -ntp -q -o test -pl appliance -Dtest=WebRtcLatencyBench \
  -Dsurefire.failIfNoSpecifiedTests=false -Dspotless.check.skip=true -Dsurefire.excludedGroups=none \
  -Dbench.url="http://127.0.0.1:$port" -Dbench.seconds="$seconds" -Dbench.viewers="$viewers" \
  | grep -E '^viewer [0-9]+:' || { echo "no result; appliance log: $work/appliance.log" >&2; tail -20 "$work/appliance.log" >&2; exit 1; }
