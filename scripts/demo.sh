#!/usr/bin/env bash
# Runs the demo on a fresh Debian/Ubuntu machine: installs what is missing, builds the appliance and
# the cloud emulator, provisions a thing and its X.509 certificate in the emulator, starts the
# emulator, and runs the appliance with the test-pattern camera streaming to it with IoT
# credentials. Extra arguments go to `appliance demo`. Set DEMO_OFFLINE=1 to skip the emulator.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh demo
./mvnw -B -ntp -q package -DskipTests -Dspotless.check.skip=true -pl cloud-emulator,appliance -am

if [[ "${DEMO_OFFLINE:-0}" == 1 ]]; then
  exec java -jar appliance/target/appliance.jar demo "$@"
fi

cloud="$PWD/demo-cloud"
kvs_port="${DEMO_KVS_PORT:-4566}"
iot_port="${DEMO_IOT_PORT:-4567}"
thing=demo-camera
alias=demo-camera-role
emulator=(java -jar cloud-emulator/target/cloud-emulator.jar)
mkdir -p "$cloud"

"${emulator[@]}" provision --data-dir "$cloud/data" --thing "$thing" --role-alias "$alias" \
  --out "$cloud/device" --iot-port "$iot_port" >/dev/null
"${emulator[@]}" --port "$kvs_port" --iot-port "$iot_port" --data-dir "$cloud/data" \
  >"$cloud/emulator.log" 2>&1 &
emulator_pid=$!
trap 'kill "$emulator_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  if curl -s -o /dev/null "http://127.0.0.1:$kvs_port/"; then break; fi
  if ! kill -0 "$emulator_pid" 2>/dev/null; then
    echo "the cloud emulator did not start; see $cloud/emulator.log" >&2
    exit 1
  fi
  sleep 0.2
done

cat >"$cloud/appliance.toml" <<TOML
# Written by scripts/demo.sh: the appliance streams to the local cloud emulator.
[kvs]
enabled = true
region = "us-west-2"
endpoint = "http://127.0.0.1:$kvs_port"
stream_name = "$thing"
backlog_dir = "$cloud/backlog"

[iot]
credentials_endpoint = "localhost:$iot_port"
role_alias = "$alias"
thing_name = "$thing"
certificate = "$cloud/device/device.pem"
private_key = "$cloud/device/device.key"
ca = "$cloud/device/ca.pem"
TOML

echo "cloud emulator on http://127.0.0.1:$kvs_port (log: $cloud/emulator.log);" \
  "watch the upload at http://127.0.0.1:$kvs_port/viewer?stream=$thing"
java -jar appliance/target/appliance.jar demo --config "$cloud/appliance.toml" "$@"
