#!/usr/bin/env bash
# Runs the demo on a fresh Debian/Ubuntu machine: installs what is missing, builds the appliance
# and runs it with the test-pattern camera. Extra arguments go to `appliance demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh demo
./mvnw -B -ntp -q package -DskipTests -pl appliance -am
exec java -jar appliance/target/appliance.jar demo "$@"
