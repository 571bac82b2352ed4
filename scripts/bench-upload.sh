#!/usr/bin/env bash
# Whole-process benchmark (not a test): `appliance demo --noise` at 1080p30, 4000 kbit/s (the noise
# band makes the encoder spend the whole bitrate; the plain pattern needs about 0.5 Mbit/s), streaming in real
# time to the cloud emulator over HTTPS (KVS APIs and PutMedia) with IoT credentials (mutual TLS),
# as on a device. Prints the appliance's CPU seconds and peak resident memory, the fragments it sent
# and got ACKs for (its last status line), and what the emulator stored for the stream.
# Usage: scripts/bench-upload.sh [SECONDS] [JVM options...]   (default 300 s)
#   e.g. scripts/bench-upload.sh 300 -Xmx128m -XX:+UseSerialGC
# Environment: BENCH_KVS_PORT (4586), BENCH_IOT_PORT (4587), BENCH_WEB_PORT (18080),
#   BENCH_UDP_PORT (18189), BENCH_OFFLINE=1 builds with Maven offline, BENCH_KEEP=1 keeps the
#   working directory (logs, emulator data), BENCH_PROC=1 measures from /proc even where GNU time
#   (/usr/bin/time) is installed (it is used when present, /proc polling otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-300}"
shift $(( $# < 1 ? $# : 1 ))
kvs_port="${BENCH_KVS_PORT:-4586}"
iot_port="${BENCH_IOT_PORT:-4587}"
web_port="${BENCH_WEB_PORT:-18080}"
udp_port="${BENCH_UDP_PORT:-18189}"
thing=bench-camera
alias=bench-camera-role

scripts/install-deps.sh demo
mvn_flags=(-B -ntp -q)
[[ "${BENCH_OFFLINE:-0}" == 1 ]] && mvn_flags+=(-o)
./mvnw "${mvn_flags[@]}" package -DskipTests -Dspotless.check.skip=true \
  -pl cloud-emulator,appliance -am

dir="$(mktemp -d)"
emulator_pid=""
cleanup() {
  if [[ -n "$emulator_pid" ]]; then
    kill "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
  fi
  if [[ "${BENCH_KEEP:-0}" == 1 ]]; then
    echo "kept $dir" >&2
  else
    rm -rf "$dir"
  fi
}
trap cleanup EXIT

# The cloud: a thing with its certificate, then the emulator with the KVS APIs on HTTPS.
emulator=(java -jar cloud-emulator/target/cloud-emulator.jar)
"${emulator[@]}" provision --data-dir "$dir/data" --thing "$thing" --role-alias "$alias" \
  --out "$dir/device" --iot-port "$iot_port" >/dev/null
"${emulator[@]}" --port "$kvs_port" --iot-port "$iot_port" --data-dir "$dir/data" --tls \
  >"$dir/emulator.log" 2>&1 &
emulator_pid=$!
ca="$dir/data/iot/ca/ca.pem"
for _ in $(seq 1 150); do
  if curl -s -o /dev/null --cacert "$ca" "https://127.0.0.1:$kvs_port/health"; then break; fi
  if ! kill -0 "$emulator_pid" 2>/dev/null; then
    echo "the cloud emulator did not start:" >&2
    cat "$dir/emulator.log" >&2
    exit 1
  fi
  sleep 0.2
done

# The AWS SDK client and the PutMedia connection trust the JVM's trust store: make one holding the
# emulator's CA (the IoT client takes the same CA from [iot] ca).
keytool -importcert -noprompt -alias emulator-ca -file "$ca" -storetype PKCS12 \
  -keystore "$dir/truststore.p12" -storepass changeit >/dev/null 2>&1
cat >"$dir/appliance.toml" <<TOML
[kvs]
enabled = true
region = "us-west-2"
endpoint = "https://127.0.0.1:$kvs_port"
stream_name = "$thing"
backlog_dir = "$dir/backlog"

[iot]
credentials_endpoint = "localhost:$iot_port"
role_alias = "$alias"
thing_name = "$thing"
certificate = "$dir/device/device.pem"
private_key = "$dir/device/device.key"
ca = "$dir/device/ca.pem"

[web]
port = $web_port
webrtc_udp_port = $udp_port
TOML

appliance=(java -Djavax.net.ssl.trustStore="$dir/truststore.p12"
  -Djavax.net.ssl.trustStorePassword=changeit -Djavax.net.ssl.trustStoreType=PKCS12 "$@"
  -jar appliance/target/appliance.jar demo --noise --width 1920 --height 1080 --fps 30
  --bitrate-kbps 4000 --duration "$seconds" --dir "$dir/recordings" --config "$dir/appliance.toml")

if [[ -x /usr/bin/time && "${BENCH_PROC:-0}" != 1 ]]; then
  status=0
  /usr/bin/time -v -o "$dir/time.log" "${appliance[@]}" >"$dir/out.log" 2>&1 || status=$?
  read -r cpu rss_kb < <(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2}
    /Maximum resident/ {r=$2} END {printf "%.2f %d\n", u + s, r}' "$dir/time.log")
else
  # No GNU time: poll the process's peak RSS (VmHWM) and CPU ticks (utime + stime) until it ends.
  "${appliance[@]}" >"$dir/out.log" 2>&1 &
  pid=$!
  ticks_per_s="$(getconf CLK_TCK)"
  rss_kb=0
  ticks=0
  while kill -0 "$pid" 2>/dev/null; do
    hwm="$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)"
    [[ -n "$hwm" && "$hwm" -gt "$rss_kb" ]] && rss_kb="$hwm"
    t="$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{print $12 + $13}' || true)"
    [[ -n "$t" ]] && ticks="$t"
    sleep 0.5
  done
  status=0
  wait "$pid" || status=$?
  cpu="$(awk -v t="$ticks" -v hz="$ticks_per_s" 'BEGIN {printf "%.2f", t / hz}')"
fi
if [[ "$status" -ne 0 ]]; then
  echo "the appliance exited with status $status:" >&2
  tail -n 40 "$dir/out.log" >&2
  exit 1
fi

last="$(grep ' | kvs ' "$dir/out.log" | tail -n 1)"
echo "$last"
sent="$(sed -n 's/.* | kvs [A-Z_]* fragments sent \([0-9]*\) received.*/\1/p' <<<"$last")"
received="$(sed -n 's/.* fragments sent [0-9]* received \([0-9]*\) persisted.*/\1/p' <<<"$last")"
persisted="$(sed -n 's/.* received [0-9]* persisted \([0-9]*\),.*/\1/p' <<<"$last")"
report="$(curl -s --cacert "$ca" "https://127.0.0.1:$kvs_port/admin/streams/$thing")"
stored_fragments="$(grep -o '"fragmentNumber"' <<<"$report" | wc -l)"
frames_stamped="$(grep -o '"framesStamped":[0-9]*' <<<"$report" | cut -d: -f2)"
stored_frames="$(grep -o '"frameCount":[0-9]*' <<<"$report" | cut -d: -f2 |
  awk '{s += $1} END {print s + 0}')"
warnings="$(grep -c ' WARN \| ERROR ' "$dir/out.log" || true)"
printf 'seconds %s\ncpu_seconds %s\n' "$seconds" "$cpu"
awk -v k="$rss_kb" 'BEGIN {printf "peak_rss_mb %.1f\n", k / 1024}'
printf 'fragments_sent %s\nfragments_received_acked %s\nfragments_persisted_acked %s\n' \
  "${sent:-?}" "${received:-?}" "${persisted:-?}"
printf 'emulator_fragments %s\nemulator_frames %s\nemulator_frames_stamped %s\n' \
  "$stored_fragments" "$stored_frames" "${frames_stamped:-?}"
printf 'appliance_warn_or_error_lines %s\n' "$warnings"
