#!/usr/bin/env bash
# Runs every test on a fresh Debian/Ubuntu machine: installs what is missing, then builds and
# verifies all modules (unit, integration, fuzz corpus, formatting).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh test
./mvnw -B -ntp verify "$@"
