#!/usr/bin/env bash
# Whole-process benchmark (not a test): runs `appliance demo` in real time and prints the CPU
# seconds and the peak resident memory it used.
# Usage: scripts/bench-demo.sh [SECONDS] [WIDTH] [HEIGHT] [KBPS] [JVM options...]
#   e.g. scripts/bench-demo.sh 60 1920 1080 4000 -Xmx128m -XX:+UseSerialGC
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
width="${2:-1920}"
height="${3:-1080}"
kbps="${4:-4000}"
shift $(( $# < 4 ? $# : 4 ))
scripts/install-deps.sh demo
if ! command -v /usr/bin/time >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get install -y -qq time
fi
./mvnw -B -ntp -q package -DskipTests -pl appliance -am
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
/usr/bin/time -v java "$@" -jar appliance/target/appliance.jar demo --duration "$seconds" \
  --width "$width" --height "$height" --bitrate-kbps "$kbps" --dir "$dir/recordings" \
  >"$dir/out.log" 2>"$dir/time.log"
tail -n 1 "$dir/out.log"
awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} /Maximum resident/ {r=$2}
  END {printf "cpu_seconds %.2f\npeak_rss_mb %.1f\n", u + s, r / 1024}' "$dir/time.log"
